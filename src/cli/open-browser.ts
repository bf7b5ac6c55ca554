// Opens a URL in the user's browser for `plausible ui --open`: $BROWSER first (as xdg-utils and Python's
// webbrowser read it: commands separated by ':', `%s` standing for the URL), else the platform's opener.
import { spawn } from 'node:child_process'

export interface OpenerCommand {
  command: string
  args: string[]
}

export type OpenOutcome = { opened: true; with: string } | { opened: false; reason: string }

/** The commands to try, in order; empty where nothing could show a page (Linux with no display). */
export function browserCommands(
  url: string,
  env: Record<string, string | undefined>,
  platform: NodeJS.Platform,
): OpenerCommand[] {
  const fromEnv = (env.BROWSER ?? '')
    .split(':')
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map((entry) => {
      const words = entry.split(/\s+/)
      const hasPlaceholder = words.some((word) => word.includes('%s'))
      const args = words.slice(1).map((word) => word.replaceAll('%s', url))
      return { command: words[0] ?? entry, args: hasPlaceholder ? args : [...args, url] }
    })
  if (fromEnv.length > 0) return fromEnv
  if (platform === 'darwin') return [{ command: 'open', args: [url] }]
  // `start` is a cmd built-in; its first quoted argument is the window title.
  if (platform === 'win32') return [{ command: 'cmd', args: ['/c', 'start', '""', url] }]
  if (!env.DISPLAY && !env.WAYLAND_DISPLAY) return []
  return [{ command: 'xdg-open', args: [url] }]
}

/** Starts the first opener that exists, detached, so the browser outlives this command. */
export async function openBrowser(
  url: string,
  env: Record<string, string | undefined> = process.env,
  platform: NodeJS.Platform = process.platform,
): Promise<OpenOutcome> {
  const commands = browserCommands(url, env, platform)
  if (commands.length === 0)
    return { opened: false, reason: 'no display here (set BROWSER to a command that opens URLs)' }
  const failures: string[] = []
  for (const candidate of commands) {
    const failure = await startDetached(candidate)
    if (failure === null) return { opened: true, with: candidate.command }
    failures.push(`${candidate.command}: ${failure}`)
  }
  return { opened: false, reason: failures.join('; ') }
}

function startDetached({ command, args }: OpenerCommand): Promise<string | null> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { detached: true, stdio: 'ignore', windowsHide: true })
    child.once('error', (error: NodeJS.ErrnoException) =>
      resolve(error.code === 'ENOENT' ? 'not found' : error.message),
    )
    child.once('spawn', () => {
      child.unref()
      resolve(null)
    })
  })
}
