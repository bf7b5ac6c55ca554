// Where Plausible Desktop keeps its files: the same folder for the app (Electron userData) and the CLI.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { homedir } from 'node:os'
import { join } from 'node:path'
import { nodeCrypto } from './builtin-module'

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
  if (platform === 'win32') return `\\\\.\\pipe\\plausible-desktop-${controlPipeId(configDir)}`
  return join(configDir, 'control.sock')
}

/** Where the pipe's random name is kept: in the 0700 config folder, readable by its user alone. */
export const controlPipeIdFile = 'control-pipe.id'

/**
 * Windows named pipes live in one namespace for every user, and their names can be listed: a name derived
 * from the folder could be guessed and taken first by another user. A random id, kept where only this
 * user can read it, makes the app's pipe unguessable; the app and every CLI read the same id.
 */
function controlPipeId(configDir: string): string {
  const { randomBytes } = nodeCrypto()
  const file = join(configDir, controlPipeIdFile)
  const existing = readId(file)
  if (existing) return existing
  mkdirSync(configDir, { recursive: true, mode: 0o700 })
  try {
    // wx: two processes starting at once agree on whichever id was written first.
    writeFileSync(file, randomBytes(16).toString('hex'), { flag: 'wx', mode: 0o600 })
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
  }
  const written = readId(file)
  if (written) return written
  // Left empty or garbled by a crash: replace it whole (a reader sees the old file or the new one).
  const id = randomBytes(16).toString('hex')
  const temp = `${file}.${process.pid}.tmp`
  writeFileSync(temp, id, { mode: 0o600 })
  renameSync(temp, file)
  return id
}

function readId(file: string): string | null {
  try {
    const id = readFileSync(file, 'utf8').trim()
    return /^[0-9a-f]{32}$/.test(id) ? id : null
  } catch {
    return null
  }
}
