// A small cross-process lock: a lockfile that names its holder (pid, host, boot, time). The holder is
// written to a temp file first and linked to the lock's name, so the lock appears whole or not at all: a
// crash or a full disk never leaves an empty lock behind. A lock nobody holds is stale and is broken:
// its holder died (its pid is gone on this host, or the machine rebooted since), it is unreadable (an
// older version's lock cut short between create and write) once a short grace has passed, or it is older
// than `staleMs`. Breaking is itself serialised by a second lock, so two processes that both see a dead
// holder cannot both break it and then both hold the lock.
// Limits: a reused pid keeps a dead holder's lock until it is `staleMs` old (the worker lock: until the
// next reboot); a lock held from another host is only ever judged by its age.
// Taking a free lock and releasing it are a handful of synchronous calls: each is microseconds on a
// local disk, where a promise per call cost a trip through libuv's thread pool (the ledger's file lock
// was most of what a request paid for its budget); only waiting for a held lock is asynchronous.
import {
  closeSync,
  fstatSync,
  ftruncateSync,
  linkSync,
  lstatSync,
  openSync,
  readdirSync,
  readFileSync,
  statSync,
  unlinkSync,
  writeSync,
} from 'node:fs'
import { readFile, stat, unlink } from 'node:fs/promises'
import { hostname } from 'node:os'
import { basename, dirname, join } from 'node:path'
import type { StaleLockReason } from '../../shared/lock-words'
import { randomHex } from '../random-hex'
import { closeQuietly, isErrno, namingFile } from './atomic-file'

export interface FileLockOptions {
  /** Give up after this long (ms). Default 10 s. */
  timeoutMs?: number
  /** A lock older than this is stale even if its holder still runs (ms). Default 30 s. */
  staleMs?: number
  /**
   * An unreadable lock (empty or torn) younger than this is left alone: an older version writes its
   * holder right after creating the file. Older, it is stale. Default 2 s.
   */
  graceMs?: number
  /** Is this pid alive on this host? Injected by tests. */
  isAlive?: (pid: number) => boolean
}

/** Who holds a lock, as the lock file says. */
export interface LockHolder {
  pid: number
  host: string
  /** When it was taken (ms since the epoch). */
  at: number
  token: string
  /** Linux's boot id when it was taken: a holder from an earlier boot is gone, whatever its pid. */
  boot?: string
}

/** What a lock file says about its holder, judged the way a process that wants the lock judges it. */
export type LockStatus =
  | { state: 'free' }
  | { state: 'held'; holder: LockHolder; ageMs: number }
  /** Unreadable and younger than the grace: maybe being written right now. */
  | { state: 'settling'; ageMs: number }
  | { state: 'stale'; reason: StaleReason; holder: LockHolder | null; ageMs: number }

export type StaleReason = StaleLockReason

const defaultStaleMs = 30_000
const defaultGraceMs = 2_000
/** A break takes microseconds: a break lock older than this was left by a process that died in one. */
const breakStaleMs = 5_000

export class FileLockTimeoutError extends Error {
  constructor(readonly path: string) {
    super(`Could not take the lock ${path} in time; another process holds it.`)
    this.name = 'FileLockTimeoutError'
  }
}

/** Runs `body` while holding the lock at `lockPath`; always releases it. */
export async function withFileLock<T>(
  lockPath: string,
  body: () => Promise<T>,
  options: FileLockOptions = {},
): Promise<T> {
  const release = await acquireFileLock(lockPath, options)
  try {
    return await body()
  } finally {
    await release()
  }
}

/** Takes the lock, waiting for it if needed; resolves with the function that releases it. */
export async function acquireFileLock(
  lockPath: string,
  options: FileLockOptions = {},
): Promise<() => Promise<void>> {
  const deadline = Date.now() + (options.timeoutMs ?? 10_000)
  for (let round = 0; ; round++) {
    const token = tryCreate(lockPath)
    if (token) return async () => releaseIfOurs(lockPath, token)
    // Checked on every round, breaks included: a stale lock that cannot be removed must not spin forever.
    if (round > 0 && Date.now() > deadline) throw new FileLockTimeoutError(lockPath)
    if ((await inspectFileLock(lockPath, options)).state === 'stale') {
      await breakStaleLock(lockPath, options)
      continue
    }
    // Short, growing, jittered waits: a critical section takes about a millisecond.
    await delay(Math.min(50, 2 + round) * (0.5 + Math.random()))
  }
}

/** Takes the lock if it is free or stale, without waiting; null when another live process holds it. */
export async function tryAcquireFileLock(
  lockPath: string,
  options: FileLockOptions = {},
): Promise<(() => Promise<void>) | null> {
  for (let round = 0; round < 3; round++) {
    const token = tryCreate(lockPath)
    if (token) return async () => releaseIfOurs(lockPath, token)
    if ((await inspectFileLock(lockPath, options)).state !== 'stale') return null
    await breakStaleLock(lockPath, options)
  }
  return null
}

/** Reads the lock file and judges its holder: free, held by a live process, settling, or stale (and why). */
export async function inspectFileLock(lockPath: string, options: FileLockOptions = {}): Promise<LockStatus> {
  const found = await readHolder(lockPath)
  if (!found) return { state: 'free' }
  const { holder, ageMs } = found
  const staleMs = options.staleMs ?? defaultStaleMs
  if (!holder) {
    if (ageMs > Math.min(staleMs, options.graceMs ?? defaultGraceMs))
      return { state: 'stale', reason: 'unreadable', holder: null, ageMs }
    return { state: 'settling', ageMs }
  }
  if (ageMs > staleMs) return { state: 'stale', reason: 'old', holder, ageMs }
  if (holder.host === hostname()) {
    const boot = bootId()
    if (holder.boot && boot && holder.boot !== boot)
      return { state: 'stale', reason: 'rebooted', holder, ageMs }
    if (!(options.isAlive ?? isPidAlive)(holder.pid)) return { state: 'stale', reason: 'dead', holder, ageMs }
  }
  return { state: 'held', holder, ageMs }
}

/**
 * One holder file per lock and process, kept open: each taking rewrites it (pid, host, boot, time, a
 * new token) and hard-links it to the lock's name, so taking a free lock creates no file, and releasing
 * it needs no read (the lock is ours while its name points at this file). Removed when the process
 * exits; one a crash leaves (`.<lock>.<pid>.<random>.tmp`) is removed by a later process taking the lock.
 */
interface KeptHolder {
  path: string
  fd: number
  ino: number
  /** Bytes of the holder last written: a shorter one is cut to its length. */
  length: number
  /** The token of the taking that holds the lock now, from this process. */
  heldToken: string | null
}

const keptHolders = new Map<string, KeptHolder>()
let isRemovingAtExit = false

function keptHolderOf(lockPath: string, text: string): KeptHolder {
  const known = keptHolders.get(lockPath)
  if (known) return known
  sweepKeptHolders(lockPath)
  const path = join(dirname(lockPath), `.${basename(lockPath)}.${process.pid}.${randomHex(8)}.tmp`)
  let fd: number | undefined
  try {
    fd = openSync(path, 'wx', 0o600)
    writeSync(fd, text, 0)
    const kept = { path, fd, ino: fstatSync(fd).ino, length: Buffer.byteLength(text), heldToken: null }
    keptHolders.set(lockPath, kept)
    removeKeptHoldersAtExit()
    return kept
  } catch (error) {
    // A full disk: the file may exist, empty. Nothing is left behind.
    if (fd !== undefined) closeQuietly(fd)
    removeQuietly(path)
    throw namingFile(error, lockPath)
  }
}

/**
 * The holder files processes that died left beside this lock (a crash skips the removal at exit): their
 * pid is gone and their last taking is older than a lock's default staleness. Best effort.
 */
function sweepKeptHolders(lockPath: string): void {
  const prefix = `.${basename(lockPath)}.`
  let names: string[]
  try {
    names = readdirSync(dirname(lockPath))
  } catch {
    return
  }
  for (const name of names) {
    if (!name.startsWith(prefix)) continue
    const pid = Number(/^(\d+)\.[0-9a-f]{8}\.tmp$/.exec(name.slice(prefix.length))?.[1] ?? Number.NaN)
    if (!Number.isInteger(pid) || isPidAlive(pid)) continue
    const path = join(dirname(lockPath), name)
    try {
      if (Date.now() - statSync(path).mtimeMs > defaultStaleMs) unlinkSync(path)
    } catch {
      // Gone already, or not ours to remove.
    }
  }
}

function removeKeptHoldersAtExit(): void {
  if (isRemovingAtExit) return
  isRemovingAtExit = true
  process.on('exit', () => {
    for (const kept of keptHolders.values()) {
      closeQuietly(kept.fd)
      removeQuietly(kept.path)
    }
  })
}

/**
 * Creates the lock with its holder in one step: the kept holder file, rewritten, is hard-linked to the
 * lock's name. link() fails with EEXIST when the lock exists, atomically, like O_EXCL, and the lock is
 * never seen empty. Where the file system has no hard links, O_EXCL and a write (an empty lock left by a
 * crash there is stale once the grace has passed). Null when the lock exists, this process's included.
 */
/**
 * A token per taking, 16 hex digits: a random 64-bit start drawn once per process, then counted up. As
 * unlikely as a fresh random one to match another process's, and a request does not pay the system's
 * random source each time it takes a lock.
 */
const tokenStart = BigInt(`0x${randomHex(16)}`)
let takings = 0n

function nextToken(): string {
  takings += 1n
  return BigInt.asUintN(64, tokenStart + takings)
    .toString(16)
    .padStart(16, '0')
}

function tryCreate(lockPath: string): string | null {
  const token = nextToken()
  const boot = bootId()
  const holder: LockHolder = {
    pid: process.pid,
    host: hostname(),
    at: Date.now(),
    token,
    ...(boot ? { boot } : {}),
  }
  const text = JSON.stringify(holder)
  const isNew = !keptHolders.has(lockPath)
  const kept = keptHolderOf(lockPath, text)
  // Held by another taking of this process: rewriting the holder would change what others read.
  if (kept.heldToken !== null) return null
  if (!isNew) {
    try {
      writeSync(kept.fd, text, 0)
      if (Buffer.byteLength(text) < kept.length) ftruncateSync(kept.fd, Buffer.byteLength(text))
      kept.length = Buffer.byteLength(text)
    } catch (error) {
      throw namingFile(error, lockPath)
    }
  }
  try {
    linkSync(kept.path, lockPath)
    kept.heldToken = token
    return token
  } catch (error) {
    if (isErrno(error, 'EEXIST')) return null
    if (!hasNoHardLinks(error)) throw namingFile(error, lockPath)
  }
  return createExclusive(lockPath, text, token)
}

function createExclusive(lockPath: string, text: string, token: string): string | null {
  let fd: number
  try {
    fd = openSync(lockPath, 'wx', 0o600)
  } catch (error) {
    if (isErrno(error, 'EEXIST')) return null
    throw error
  }
  try {
    writeSync(fd, text)
  } catch (error) {
    // A full disk: take back the empty lock rather than leave it for others to wait on.
    closeQuietly(fd)
    removeQuietly(lockPath)
    throw namingFile(error, lockPath)
  }
  closeSync(fd)
  return token
}

function removeQuietly(path: string): void {
  try {
    unlinkSync(path)
  } catch {
    // Gone already, or a folder that refuses removals: nothing more to do here.
  }
}

/** EPERM, ENOTSUP…: this file system cannot link (FAT, some network shares). */
function hasNoHardLinks(error: unknown): boolean {
  return ['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS', 'EXDEV'].some((code) => isErrno(error, code))
}

async function readHolder(lockPath: string): Promise<{ holder: LockHolder | null; ageMs: number } | null> {
  try {
    const [text, info] = await Promise.all([readFile(lockPath, 'utf8'), stat(lockPath)])
    return { holder: parseHolder(text), ageMs: Date.now() - info.mtimeMs }
  } catch (error) {
    if (isErrno(error, 'ENOENT')) return null
    throw error
  }
}

/** The holder, or null when the file is empty, torn or not a holder: judged by its age alone. */
function parseHolder(text: string): LockHolder | null {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    return null
  }
  if (typeof value !== 'object' || value === null) return null
  const { pid, host, at, token, boot } = value as Record<string, unknown>
  if (!Number.isInteger(pid) || (pid as number) <= 0) return null
  if (typeof host !== 'string' || typeof at !== 'number' || typeof token !== 'string') return null
  return {
    pid: pid as number,
    host,
    at,
    token,
    ...(typeof boot === 'string' && boot !== '' ? { boot } : {}),
  }
}

async function breakStaleLock(lockPath: string, options: FileLockOptions): Promise<void> {
  const breakPath = `${lockPath}.break`
  const breakToken = tryCreate(breakPath)
  if (!breakToken) {
    // Someone else is breaking it. A breaker that died, or one that is too old to be breaking still,
    // leaves its file: removed, judged like a lock held for a moment (never by the lock's own staleMs).
    const breaker = await inspectFileLock(breakPath, { ...options, staleMs: breakStaleMs })
    if (breaker.state === 'stale') await unlink(breakPath).catch(unlessGone)
    await delay(1 + Math.random() * 4)
    return
  }
  try {
    // Judged again under the break lock: the lock may have been released and taken anew meanwhile.
    if ((await inspectFileLock(lockPath, options)).state === 'stale') await unlink(lockPath).catch(unlessGone)
  } finally {
    releaseIfOurs(breakPath, breakToken)
  }
}

function releaseIfOurs(lockPath: string, token: string): void {
  const kept = keptHolders.get(lockPath)
  if (kept?.heldToken === token) {
    kept.heldToken = null
    // Ours while the name points at our holder file: one broken as stale and taken anew is another file.
    let ino: number
    try {
      ino = lstatSync(lockPath).ino
    } catch {
      return
    }
    if (ino === kept.ino) removeQuietly(lockPath)
    return
  }
  // Taken with O_EXCL where there are no hard links: ours while it names our token.
  let text: string
  try {
    text = readFileSync(lockPath, 'utf8')
  } catch {
    return
  }
  if (parseHolder(text)?.token === token) removeQuietly(lockPath)
}

export function isPidAlive(pid: number): boolean {
  // kill(0) and kill(-n) signal process groups: never a holder.
  if (!Number.isInteger(pid) || pid <= 0) return false
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    // EPERM: the pid exists but belongs to another user — alive.
    return isErrno(error, 'EPERM')
  }
}

let cachedBootId: string | null | undefined

/** Linux's id of this boot; null elsewhere. After a reboot every pid in an old lock is someone else's. */
function bootId(): string | null {
  if (cachedBootId !== undefined) return cachedBootId
  try {
    cachedBootId = readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim() || null
  } catch {
    cachedBootId = null
  }
  return cachedBootId
}

/** Removed meanwhile by its holder or another breaker is fine; a folder that refuses removal (EROFS, EACCES) is not. */
function unlessGone(error: unknown): void {
  if (!isErrno(error, 'ENOENT')) throw error
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}
