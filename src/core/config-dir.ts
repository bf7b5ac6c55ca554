// Makes sure the config folder can hold our files before anything is written there, keeps it private
// (0700, its files 0600, whichever entry point made them), and turns a file system failure inside it into
// one typed error that names the file, what it holds, the cause and what to do.
// Node's `mkdir(…, { recursive: true })` never returns where mkdir answers ENOENT under a parent that
// exists (`/proc/x`: it retries the same step forever, at 100% CPU, deaf to SIGTERM), so the folder is
// created one level at a time here and every later recursive mkdir runs inside a folder that exists.
// Its calls are synchronous: each looks at one entry of a small folder, once per start, and each
// asynchronous call would cost a trip through libuv's thread pool (about 0.2 ms on a cold process) on
// the way to every command's first request.
import {
  chmodSync,
  closeSync,
  lstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  statSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs'
import { homedir } from 'node:os'
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path'
import { PlausibleError } from '../shared/errors'
import { randomHex } from './random-hex'

/** The variable that moves the config folder; named in every hint. */
export const configDirVariable = 'PLAUSIBLE_CONFIG_DIR'

/**
 * Creates the folder (0700) where missing, takes group and other access away from it and from what it
 * holds, and proves a file can be created and removed in it. Resolves with what could not be made
 * private (doctor says so); a folder that cannot hold files fails with CONFIG_DIR.
 */
export async function prepareConfigDir(dir: string): Promise<PrivacyReport> {
  const folder = resolve(dir)
  try {
    createFolder(folder)
    const privacy = makePrivate(folder)
    proveWritable(folder)
    return privacy
  } catch (error) {
    throw configDirError(folder, error)
  }
}

/** What `makePrivate` tightened (said once, as a warning) and what it could not (with the errno that refused). */
export interface PrivacyReport {
  tightened: Array<{ path: string; mode: number }>
  notPrivate: Array<{ path: string; mode: number; code: string }>
}

/** The warning for an entry that was open to other users: it may have let them read a key or the accounts. */
export function tightenedWarning(entry: { path: string; mode: number }): string {
  const was = `0${(entry.mode & 0o777).toString(8)}`
  const now = `0${(entry.mode & 0o700).toString(8)}`
  return `${entry.path} was open to other users (mode ${was}); it was set back to ${now}.`
}

/**
 * Older versions, conf's defaults and a folder made by hand left 0755 folders and 0644 files; the folder
 * holds the accounts, the usage ledger, the request history and maybe key files. Group and other bits
 * are removed from the folder and from each entry directly in it (links are left alone: they may point
 * outside); deeper entries are written 0600 by their writers and unreachable behind a 0700 folder anyway.
 * A folder that is the home folder itself is not ours to tighten: only reported.
 */
export function makePrivate(folder: string): PrivacyReport {
  const report: PrivacyReport = { tightened: [], notPrivate: [] }
  // Windows has no owner-only mode bits; the user's profile is private through its ACLs.
  if (process.platform === 'win32') return report
  const isHome = resolve(folder) === resolve(homedir())
  const tighten = (path: string): void => {
    const info = attempt(() => lstatSync(path))
    if (!info || info.isSymbolicLink() || (info.mode & 0o077) === 0) return
    if (!info.isFile() && !info.isDirectory()) return // a socket or a FIFO: chmod'ed by its creator
    const mode = info.mode & 0o777
    if (isHome) {
      report.notPrivate.push({ path, mode, code: 'EHOME' })
      return
    }
    try {
      chmodSync(path, mode & 0o700)
      report.tightened.push({ path, mode })
    } catch (error) {
      report.notPrivate.push({ path, mode, code: (error as NodeJS.ErrnoException).code ?? 'EIO' })
    }
  }
  tighten(folder)
  if (isHome) return report
  for (const name of attempt(() => readdirSync(folder)) ?? []) tighten(join(folder, name))
  return report
}

/** What `step` returns, or null where it failed (an entry gone meanwhile, a folder not listable). */
function attempt<T>(step: () => T): T | null {
  try {
    return step()
  } catch {
    return null
  }
}

/** A file system failure in the folder as the typed error; a PlausibleError passes through unchanged. */
export function configDirError(dir: string, error: unknown): PlausibleError {
  if (error instanceof PlausibleError) return error
  const folder = resolve(dir)
  const errno = error as NodeJS.ErrnoException | null
  const code = typeof errno?.code === 'string' ? errno.code : 'EIO'
  const path = typeof errno?.path === 'string' ? resolve(errno.path) : folder
  const inside = relative(folder, path)
  // A file in the folder: named first, with what it holds, and the fix for that file.
  if (
    inside !== '' &&
    !inside.startsWith('..') &&
    !isAbsolute(inside) &&
    !(error instanceof NotAFolderError)
  ) {
    const file = fileOfTemp(inside)
    const role = roleOf(file)
    const verb = isReading(errno?.syscall) ? 'read' : 'written'
    return new PlausibleError('CONFIG_DIR', {
      message: `${file}${role ? ` (${role})` : ''} in the config folder ${folder} cannot be ${verb}: ${causeOf(code, path)} (${code}).`,
      hint: `${remedyOf(code, join(folder, file), 'file')}, or point ${configDirVariable} at a folder you can write (for example ${configDirVariable}="$HOME/plausible-desktop").`,
      cause: error,
    })
  }
  const cause =
    error instanceof NotAFolderError
      ? `${path} is a file, not a folder`
      : `${path === folder ? '' : `${path}: `}${causeOf(code, path)}`
  return new PlausibleError('CONFIG_DIR', {
    message: `The config folder ${folder} cannot be used: ${cause} (${code}).`,
    hint: `${remedyOf(code, folder, 'folder')}, or point ${configDirVariable} at a folder you can write (for example ${configDirVariable}="$HOME/plausible-desktop").`,
    cause: error,
  })
}

/** What each file of the folder holds, so a message says what is at stake. */
function roleOf(file: string): string | null {
  const [top = '', ...rest] = file.split(sep)
  if (top === 'queue')
    return rest.join(sep) === 'worker.lock' ? "the write journal's worker lock" : 'the write journal'
  if (top === 'secrets') return rest.length > 0 ? 'a key file' : 'the folder of key files'
  if (top.startsWith('config.json.corrupt-')) return 'a config.json set aside'
  const roles: Record<string, string> = {
    'config.json': 'the accounts and settings',
    'usage.json': 'the shared budget ledger',
    'usage.json.lock': "the budget ledger's lock",
    'http-history.json': 'the request history',
    'http-history.json.lock': "the request history's lock",
    'glance.json': "the tray's settings",
    'realtime-history.json': "the tray's realtime history",
    'keychain-notices.json': 'the key store notes',
    'window-state.json': "the window's size and place",
  }
  return roles[top] ?? null
}

/** A temp file of an atomic write is named by the file it was going to replace. */
function fileOfTemp(file: string): string {
  const name = basename(file)
  // Ours: `.<name>.<pid>.<hex>.tmp` and `.<name>.<hex>.tmp` (locks); conf's (atomically): `<name>.tmp-<id>`.
  const ours = /^\.(.+?)\.(?:\d+\.)?[0-9a-f]{8,16}\.tmp$/.exec(name)
  const theirs = /^(.+)\.tmp-[A-Za-z0-9]+$/.exec(name)
  const target = ours?.[1] ?? theirs?.[1]
  return target ? join(dirname(file), target) : file
}

function isReading(syscall: string | undefined): boolean {
  return ['read', 'scandir', 'stat', 'lstat', 'fstat', 'readlink', 'access'].includes(syscall ?? '')
}

/** A raw errno about a file of the config folder as the CONFIG_DIR error naming that file; anything else as it is. */
export function asConfigDirError(dir: string, error: unknown): unknown {
  return isConfigDirFailure(dir, error) ? configDirError(dir, error) : error
}

/** True for an error the file system raised about a path inside `folder` (or the folder itself). */
export function isConfigDirFailure(folder: string, error: unknown): boolean {
  const errno = error as NodeJS.ErrnoException | null
  if (typeof errno?.code !== 'string' || typeof errno.path !== 'string' || !errno.syscall) return false
  const inside = relative(resolve(folder), resolve(errno.path))
  return inside !== '..' && !inside.startsWith(`..${sep}`) && !isAbsolute(inside)
}

function createFolder(folder: string): void {
  const missing: string[] = []
  for (let at = folder; ; at = dirname(at)) {
    const info = statUnlessMissing(at)
    if (info && !info.isDirectory()) throw new NotAFolderError(at)
    if (info) break
    missing.unshift(at)
    if (dirname(at) === at) break
  }
  for (const step of missing) {
    try {
      mkdirSync(step, { mode: 0o700 })
    } catch (error) {
      // Another process created it between our stat and our mkdir: fine, as long as it is a folder.
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
    }
  }
}

/** ENOTDIR: a file sits somewhere above; walking up finds it and names it. */
function statUnlessMissing(path: string): ReturnType<typeof statSync> | null {
  try {
    return statSync(path)
  } catch (error) {
    const { code } = error as NodeJS.ErrnoException
    if (code === 'ENOENT' || code === 'ENOTDIR') return null
    throw error
  }
}

/** A read-only mount, a folder without write permission, a full disk: each fails here, not mid-request. */
function proveWritable(folder: string): void {
  // Dot-name ending in .tmp: a probe left by a crash is swept like any other interrupted write.
  const probe = join(folder, `.write-probe.${process.pid}.${randomHex(8)}.tmp`)
  let descriptor: number
  try {
    descriptor = openSync(probe, 'wx', 0o600)
  } catch (error) {
    // A failure is the folder's, not the probe's: the message names the folder.
    throw Object.assign(error as NodeJS.ErrnoException, { path: folder })
  }
  try {
    writeFileSync(descriptor, 'ok')
  } finally {
    closeSync(descriptor)
    attempt(() => unlinkSync(probe))
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
    case 'EISDIR':
      return 'a folder is in the way'
    case 'ELOOP':
      return 'the path loops through symbolic links'
    case 'ENAMETOOLONG':
      return 'the path is too long'
    default:
      return 'the file system refused'
  }
}

function remedyOf(code: string, path: string, kind: 'folder' | 'file'): string {
  switch (code) {
    case 'EACCES':
    case 'EPERM':
      return kind === 'folder'
        ? `Give your user write access to ${path} (\`chmod u+rwx "${path}"\`)`
        : `Give your user access to ${path} and its folder (\`chmod u+rw "${path}"\`)`
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
    case 'EISDIR':
      return `Move the folder ${path} out of the way`
    default:
      return 'Check the path'
  }
}
