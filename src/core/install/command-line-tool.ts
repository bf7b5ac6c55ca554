// "Install Command Line Tool": links the packaged launcher (resources/bin/plausible) into a folder on the
// PATH, the way VS Code installs `code`. Never replaces a file it did not make: an existing `plausible`
// that is not a link to a Plausible Desktop launcher is left alone and reported.
import { lstat, mkdir, readlink, symlink, unlink } from 'node:fs/promises'
import { delimiter, dirname, join, resolve } from 'node:path'
import { PlausibleError } from '../../shared/errors'
import { isErrno } from '../budget/atomic-file'

export interface InstallCliOptions {
  /** The launcher inside the app: `<resources>/bin/plausible`. */
  launcher: string
  /** Folders to try in order; the first on PATH that can take the link wins. */
  candidates: string[]
  /** The PATH the user's shells see. */
  path: string
}

export interface InstallCliResult {
  linkPath: string
  /** The link already pointed at this launcher. */
  wasInstalled: boolean
  /** The folder is on PATH, so `plausible` works in a new shell. */
  isOnPath: boolean
}

/** ~/.local/bin (XDG, no sudo) on Linux; /usr/local/bin, then ~/.local/bin, on macOS. */
export function cliLinkCandidates(platform: NodeJS.Platform, home: string): string[] {
  const local = join(home, '.local', 'bin')
  return platform === 'darwin' ? ['/usr/local/bin', local] : [local, '/usr/local/bin']
}

export async function installCommandLineTool(options: InstallCliOptions): Promise<InstallCliResult> {
  const launcher = resolve(options.launcher)
  await lstat(launcher).catch(() => {
    throw new PlausibleError('USAGE', {
      message: `The command-line launcher is not at ${launcher}.`,
      hint: 'Install Command Line Tool works in the packaged app; in development run `npx plausible`.',
    })
  })
  const onPath = new Set(
    options.path
      .split(delimiter)
      .filter(Boolean)
      .map((dir) => resolve(dir)),
  )
  // Folders on PATH first, in the given order; the rest after.
  const ordered = [
    ...options.candidates.filter((dir) => onPath.has(resolve(dir))),
    ...options.candidates.filter((dir) => !onPath.has(resolve(dir))),
  ]
  const failures: string[] = []
  for (const dir of ordered) {
    const linkPath = join(dir, 'plausible')
    try {
      const existing = await existingLink(linkPath)
      if (existing === launcher) return { linkPath, wasInstalled: true, isOnPath: onPath.has(resolve(dir)) }
      if (existing === 'file') {
        failures.push(`${linkPath} exists and is not a link`)
        continue
      }
      if (existing !== null && !isPlausibleLauncher(existing)) {
        failures.push(`${linkPath} links to ${existing}`)
        continue
      }
      await mkdir(dir, { recursive: true })
      if (existing !== null) await unlink(linkPath)
      await symlink(launcher, linkPath)
      return { linkPath, wasInstalled: false, isOnPath: onPath.has(resolve(dir)) }
    } catch (error) {
      failures.push(
        `${dir}: ${isErrno(error, 'EACCES') || isErrno(error, 'EPERM') ? 'not writable' : String(error)}`,
      )
    }
  }
  throw new PlausibleError('USAGE', {
    message: `No folder could take the \`plausible\` link (${failures.join('; ')}).`,
    hint: `Link it yourself: sudo ln -s "${launcher}" /usr/local/bin/plausible`,
  })
}

/** null: nothing there; 'file': something that is not a link; else the link's absolute target. */
async function existingLink(path: string): Promise<string | null | 'file'> {
  try {
    const stat = await lstat(path)
    if (!stat.isSymbolicLink()) return 'file'
    return resolve(dirname(path), await readlink(path))
  } catch (error) {
    if (isErrno(error, 'ENOENT')) return null
    throw error
  }
}

/** A link made by an older or moved copy of the app may be replaced. */
function isPlausibleLauncher(target: string): boolean {
  return /[/\\]bin[/\\]plausible$/.test(target) && /plausible[- ]desktop/i.test(target)
}
