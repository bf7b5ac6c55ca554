// Start at login on Linux, where Electron's app.setLoginItemSettings does nothing (it covers macOS and
// Windows): an XDG autostart entry in ~/.config/autostart, written atomically, removed when turned off.
import { mkdir, unlink } from 'node:fs/promises'
import { join } from 'node:path'
import { isErrno, writeFileAtomic } from '../budget/atomic-file'

export const autostartFileName = 'plausible-desktop.desktop'

export function autostartDir(env: Record<string, string | undefined>, home: string): string {
  return join(env.XDG_CONFIG_HOME || join(home, '.config'), 'autostart')
}

/** The desktop entry; `--hidden` starts the tray without opening the window. */
export function autostartEntry(executable: string): string {
  const quoted = /[\s"'\\]/.test(executable) ? `"${executable.replace(/(["\\`$])/g, '\\$1')}"` : executable
  return [
    '[Desktop Entry]',
    'Type=Application',
    'Name=Plausible Desktop',
    'Comment=Realtime visitors and the API budget in the tray',
    `Exec=${quoted} --hidden`,
    'X-GNOME-Autostart-enabled=true',
    'Terminal=false',
    '',
  ].join('\n')
}

export async function setAutostart(options: {
  dir: string
  executable: string
  isEnabled: boolean
}): Promise<void> {
  const path = join(options.dir, autostartFileName)
  if (options.isEnabled) {
    await mkdir(options.dir, { recursive: true })
    await writeFileAtomic(path, autostartEntry(options.executable), 0o644)
    return
  }
  await unlink(path).catch((error: unknown) => {
    if (!isErrno(error, 'ENOENT')) throw error
  })
}
