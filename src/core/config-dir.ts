// Makes sure the config folder can hold our files before anything is written there, and turns a file
// system failure inside it into one typed error that names the path, the cause and what to do.
// Node's `mkdir(…, { recursive: true })` never returns where mkdir answers ENOENT under a parent that
// exists (`/proc/x`: it retries the same step forever, at 100% CPU, deaf to SIGTERM), so the folder is
// created one level at a time here and every later recursive mkdir runs inside a folder that exists.
import { randomBytes } from 'node:crypto'
import { mkdir, open, stat, unlink } from 'node:fs/promises'
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path'
import { PlausibleError } from '../shared/errors'

/** The variable that moves the config folder; named in every hint. */
export const configDirVariable = 'PLAUSIBLE_CONFIG_DIR'

/** Creates the folder (0700) where missing and proves a file can be created and removed in it. */
export async function prepareConfigDir(dir: string): Promise<void> {
  const folder = resolve(dir)
  try {
    await createFolder(folder)
    await proveWritable(folder)
  } catch (error) {
    throw configDirError(folder, error)
  }
}

/** A file system failure in the folder as the typed error; a PlausibleError passes through unchanged. */
export function configDirError(dir: string, error: unknown): PlausibleError {
  if (error instanceof PlausibleError) return error
  const folder = resolve(dir)
  const errno = error as NodeJS.ErrnoException | null
  const code = typeof errno?.code === 'string' ? errno.code : 'EIO'
  const path = typeof errno?.path === 'string' ? errno.path : folder
  const cause =
    error instanceof NotAFolderError
      ? `${path} is a file, not a folder`
      : `${path === folder ? '' : `${path}: `}${causeOf(code, path)}`
  return new PlausibleError('CONFIG_DIR', {
    message: `The config folder ${folder} cannot be used: ${cause} (${code}).`,
    hint: `${remedyOf(code, folder)}, or point ${configDirVariable} at a folder you can write (for example ${configDirVariable}="$HOME/plausible-desktop").`,
    cause: error,
  })
}

/** True for an error the file system raised about a path inside `folder` (or the folder itself). */
export function isConfigDirFailure(folder: string, error: unknown): boolean {
  const errno = error as NodeJS.ErrnoException | null
  if (typeof errno?.code !== 'string' || typeof errno.path !== 'string' || !errno.syscall) return false
  const inside = relative(resolve(folder), resolve(errno.path))
  return inside !== '..' && !inside.startsWith(`..${sep}`) && !isAbsolute(inside)
}

async function createFolder(folder: string): Promise<void> {
  const missing: string[] = []
  for (let at = folder; ; at = dirname(at)) {
    const info = await stat(at).catch((error: NodeJS.ErrnoException) => {
      // ENOTDIR: a file sits somewhere above; walking up finds it and names it.
      if (error.code === 'ENOENT' || error.code === 'ENOTDIR') return null
      throw error
    })
    if (info && !info.isDirectory()) throw new NotAFolderError(at)
    if (info) break
    missing.unshift(at)
    if (dirname(at) === at) break
  }
  for (const step of missing) {
    await mkdir(step, { mode: 0o700 }).catch((error: NodeJS.ErrnoException) => {
      // Another process created it between our stat and our mkdir: fine, as long as it is a folder.
      if (error.code !== 'EEXIST') throw error
    })
  }
}

/** A read-only mount, a folder without write permission, a full disk: each fails here, not mid-request. */
async function proveWritable(folder: string): Promise<void> {
  // Dot-name ending in .tmp: a probe left by a crash is swept like any other interrupted write.
  const probe = join(folder, `.write-probe.${process.pid}.${randomBytes(4).toString('hex')}.tmp`)
  // A failure is the folder's, not the probe's: the message names the folder.
  const file = await open(probe, 'wx', 0o600).catch((error: NodeJS.ErrnoException) => {
    throw Object.assign(error, { path: folder })
  })
  try {
    await file.writeFile('ok')
  } finally {
    await file.close()
    await unlink(probe).catch(() => undefined)
  }
}

/** A file where a folder of the path should be: ENOTDIR, naming that file rather than the whole path. */
class NotAFolderError extends Error {
  readonly code = 'ENOTDIR'
  readonly syscall = 'stat'
  constructor(readonly path: string) {
    super(`${path} is a file, not a folder`)
  }
}

function causeOf(code: string, path: string): string {
  switch (code) {
    case 'ENOTDIR':
      return 'a part of the path is a file, not a folder'
    case 'EEXIST':
      return 'a file is in the way'
    case 'EACCES':
    case 'EPERM':
      return 'permission denied'
    case 'EROFS':
      return 'it is on a read-only file system'
    case 'ENOSPC':
      return 'the disk is full'
    case 'EDQUOT':
      return 'the disk quota is used up'
    case 'ENOENT':
      return `${dirname(path)} does not accept new folders or files`
    case 'ELOOP':
      return 'the path loops through symbolic links'
    case 'ENAMETOOLONG':
      return 'the path is too long'
    default:
      return 'the file system refused'
  }
}

function remedyOf(code: string, folder: string): string {
  switch (code) {
    case 'EACCES':
    case 'EPERM':
      return `Give your user write access to ${folder} (\`chmod u+rwx "${folder}"\`)`
    case 'ENOSPC':
    case 'EDQUOT':
      return 'Free some disk space'
    case 'EROFS':
      return 'Remount the disk read-write'
    case 'ENOTDIR':
    case 'EEXIST':
      return 'Move the file out of the way'
    case 'ENOENT':
      return 'Use a folder whose parent exists and takes new folders'
    default:
      return 'Check the path'
  }
}
