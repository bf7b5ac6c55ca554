// Where Plausible Desktop keeps its files: the same folder for the app (Electron userData) and the CLI.
import { homedir } from 'node:os'
import { join } from 'node:path'

/** The product name Electron derives `userData` from; package.json `productName` must match. */
export const productName = 'Plausible Desktop'

export function resolveConfigDir(
  env: Record<string, string | undefined> = process.env,
  platform: NodeJS.Platform = process.platform,
  home: string = homedir(),
): string {
  if (env.PLAUSIBLE_CONFIG_DIR) return env.PLAUSIBLE_CONFIG_DIR
  switch (platform) {
    case 'darwin':
      return join(home, 'Library', 'Application Support', productName)
    case 'win32':
      return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), productName)
    default:
      return join(env.XDG_CONFIG_HOME ?? join(home, '.config'), productName)
  }
}

/** The control socket the running app listens on; a named pipe on Windows. */
export function controlSocketPath(configDir: string, platform: NodeJS.Platform = process.platform): string {
  if (platform === 'win32') {
    const tag = Buffer.from(configDir).toString('base64url').slice(-24)
    return `\\\\.\\pipe\\plausible-desktop-${tag}`
  }
  return join(configDir, 'control.sock')
}
