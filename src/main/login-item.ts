// Start at login, following the tray preference: Electron's login item on macOS and Windows, an XDG
// autostart entry on Linux (core/install/autostart.ts), where Electron has none.
import { homedir } from 'node:os'
import { app } from 'electron'
import { autostartDir, setAutostart } from '../core/install/autostart'

export async function applyStartAtLogin(
  isEnabled: boolean,
  platform: NodeJS.Platform = process.platform,
  env: Record<string, string | undefined> = process.env,
): Promise<void> {
  if (platform === 'darwin' || platform === 'win32') {
    // Windows passes --hidden to the login start; macOS says so through wasOpenedAtLogin.
    app.setLoginItemSettings({ openAtLogin: isEnabled, args: ['--hidden'] })
    return
  }
  // An AppImage moves its mount point on every run; $APPIMAGE is the file the user keeps.
  const executable = env.APPIMAGE ?? process.execPath
  await setAutostart({ dir: autostartDir(env, homedir()), executable, isEnabled })
}

/** Started by the login item: show the tray only, not the window. */
export function wasStartedHidden(argv: string[] = process.argv): boolean {
  if (argv.includes('--hidden')) return true
  return process.platform === 'darwin' && app.getLoginItemSettings().wasOpenedAtLogin === true
}
