// `--output FILE`: writes into what the user named. A regular file (also behind a symbolic link) is
// replaced atomically — a temp file in the file's own folder, renamed over it, its mode kept — so a
// reader sees the old result or the new one. A FIFO, a device or a file descriptor (/dev/null,
// /dev/stdout, /proc/self/fd/3) is written through: renaming over it would swap the pipe or the device
// for a regular file, or fail. A symbolic link stays a link; its target gets the result.
import { randomBytes } from 'node:crypto'
import { lstat, open, readlink, rename, stat, unlink, type FileHandle } from 'node:fs/promises'
import { constants, type Stats } from 'node:fs'
import { basename, dirname, join, resolve } from 'node:path'
import { syncDir } from '../core/budget/atomic-file'
import { PlausibleError } from '../shared/errors'

/** The file system calls the atomic write makes; a test swaps one for a failing one. */
export interface OutputFs {
  open(path: string, flags: string, mode?: number): Promise<FileHandle>
  rename(from: string, to: string): Promise<void>
  unlink(path: string): Promise<void>
}

const nodeFs: OutputFs = { open, rename, unlink }

export interface OutputFileOptions {
  /** This process's own stdout and stderr, for --output /dev/stdout and its other spellings. */
  streams?: Partial<Record<StandardStream, { write(text: string): unknown }>>
  fs?: OutputFs
}

type StandardStream = 'stdout' | 'stderr'

export async function writeOutputFile(
  named: string,
  text: string,
  options: OutputFileOptions = {},
): Promise<void> {
  const path = resolve(named)
  // Written to the stream itself: a parent that spawned us may have given a socket as stdout, and
  // opening /proc/self/fd/1 fails on a socket (ENXIO) where writing to it works.
  const standard = standardStreamOf(path)
  const stream = standard && options.streams?.[standard]
  if (stream) return void stream.write(text)
  // /dev/fd/N and /proc/self/fd/N are links the kernel resolves for this process; following them by
  // hand leads to names like `pipe:[123]`. Nothing under /dev or /proc is replaced by a regular file.
  if (isDeviceOrDescriptorPath(path)) return writeThrough(path, path, text)
  let target: string
  let info: Stats | undefined
  try {
    target = await linkTarget(path)
    info = await stat(target).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return undefined
      throw error
    })
  } catch (error) {
    throw outputError(path, path, error)
  }
  if (info?.isDirectory())
    throw outputError(path, target, Object.assign(new Error('a folder'), { code: 'EISDIR' }))
  if (info && !info.isFile()) return writeThrough(path, target, text)
  await writeAtomic(path, target, text, info ? info.mode & 0o777 : undefined, options.fs ?? nodeFs)
}

/** /dev/stdout, /dev/fd/1, /proc/self/fd/1, /proc/<this pid>/fd/1 (and the same for stderr). */
export function standardStreamOf(path: string): StandardStream | undefined {
  if (process.platform === 'win32') return undefined
  const match = /^\/(?:dev\/(std(?:out|err))|dev\/fd\/(\d+)|proc\/(?:self|(\d+))\/fd\/(\d+))$/.exec(path)
  if (!match) return undefined
  const [, name, devFd, pid, procFd] = match
  if (name) return name as StandardStream
  if (pid !== undefined && Number(pid) !== process.pid) return undefined
  const fd = Number(devFd ?? procFd)
  return fd === 1 ? 'stdout' : fd === 2 ? 'stderr' : undefined
}

/** Under /dev or /proc: devices and descriptors, never a place for our temp file. */
export function isDeviceOrDescriptorPath(path: string): boolean {
  return process.platform !== 'win32' && /^\/(dev|proc)(\/|$)/.test(path)
}

/** Follows symbolic links of the last name, a dangling one included: the file the result belongs in. */
async function linkTarget(path: string): Promise<string> {
  let at = path
  for (let hops = 0; hops < 40; hops += 1) {
    const info = await lstat(at).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return undefined
      throw error
    })
    if (!info?.isSymbolicLink()) return at
    at = resolve(dirname(at), await readlink(at))
  }
  throw Object.assign(new Error('too many symbolic links'), { code: 'ELOOP' })
}

/**
 * A FIFO, a device, a descriptor: opened as it is, never created (a typo under /dev stays an error, not a
 * new file there) and in append mode, so `--output /dev/fd/3 3>>log` adds to the log.
 */
async function writeThrough(path: string, target: string, text: string): Promise<void> {
  let handle: FileHandle
  try {
    handle = await open(target, constants.O_WRONLY | constants.O_APPEND)
  } catch (error) {
    throw outputError(path, target, error, { isExisting: true })
  }
  try {
    await handle.writeFile(text, 'utf8')
  } catch (error) {
    throw outputError(path, target, error, { isWrittenThrough: true })
  } finally {
    await handle.close().catch(() => undefined)
  }
}

async function writeAtomic(
  path: string,
  target: string,
  text: string,
  mode: number | undefined,
  fs: OutputFs,
): Promise<void> {
  const folder = dirname(target)
  const temp = join(folder, `.${basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`)
  let handle: FileHandle | undefined
  try {
    handle = await fs.open(temp, 'wx', mode ?? 0o644)
  } catch (error) {
    // Nothing was created: the folder is missing, read-only or not ours.
    throw outputError(path, folder, error, { isFolder: true })
  }
  try {
    await handle.writeFile(text, 'utf8')
    // The umask may have narrowed the mode at creation; a replaced file keeps exactly the mode it had.
    if (mode !== undefined) await handle.chmod(mode)
    await handle.sync()
    await handle.close()
    handle = undefined
    await fs.rename(temp, target)
  } catch (error) {
    await handle?.close().catch(() => undefined)
    await fs.unlink(temp).catch(() => undefined)
    throw outputError(path, target, error)
  }
  await syncDir(folder)
}

/**
 * The typed error: the path as the user gave it (resolved), then what is wrong with the file or folder
 * that failed — the folder for a new file, the target behind a link, the device itself.
 */
function outputError(
  path: string,
  subject: string,
  error: unknown,
  options: { isWrittenThrough?: boolean; isFolder?: boolean; isExisting?: boolean } = {},
): PlausibleError {
  if (error instanceof PlausibleError) return error
  const code = (error as NodeJS.ErrnoException | null)?.code ?? 'EIO'
  const named = subject === path ? 'it' : subject
  const outcome = options.isWrittenThrough ? 'the output may be incomplete' : 'nothing was written'
  return new PlausibleError('OUTPUT_FILE', {
    message: `Could not write --output ${path}: ${causeOf(code, named, options.isFolder === true)} (${code}); ${outcome}.`,
    hint:
      code === 'ENOENT' && options.isExisting
        ? 'Check the name: under /dev and /proc, --output writes only into what exists.'
        : remedyOf(code),
    cause: error,
  })
}

function causeOf(code: string, named: string, isFolder: boolean): string {
  const subject = isFolder ? `the folder ${named}` : named
  switch (code) {
    case 'ENOENT':
      return `${subject} does not exist`
    case 'ENOTDIR':
      return 'a part of the path is a file, not a folder'
    case 'EISDIR':
      return `${subject} is a folder`
    case 'EACCES':
    case 'EPERM':
      return `${subject} may not be written (permission denied)`
    case 'EROFS':
      return `${subject} is on a read-only file system`
    case 'ENOSPC':
      return 'the disk is full'
    case 'EDQUOT':
      return 'the disk quota is used up'
    case 'ENXIO':
      return `${subject} is a socket or a device without a reader`
    case 'ELOOP':
      return 'the path loops through symbolic links'
    case 'ENAMETOOLONG':
      return 'the path is too long'
    default:
      return 'the file system refused the write'
  }
}

function remedyOf(code: string): string {
  switch (code) {
    case 'ENOENT':
      return 'Create the folder first (`mkdir -p`), or give --output a path in a folder that exists.'
    case 'EISDIR':
      return 'Give --output a file name inside the folder, e.g. --output <folder>/result.json.'
    case 'ENOSPC':
    case 'EDQUOT':
      return 'Free some disk space, or write somewhere else.'
    default:
      return 'Give --output a path in a folder you can write, or leave --output out and redirect stdout.'
  }
}
