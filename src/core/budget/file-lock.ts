// A small cross-process lock: a lockfile created with O_EXCL that names its holder (pid, host, time).
// A holder that died (its pid is gone on this host) or that has held the lock far longer than any
// critical section takes is stale; breaking a stale lock is itself serialised by a second O_EXCL file,
// so two processes that both see a dead holder cannot both break it and then both hold the lock.
// Limits: a process that dies inside the few microseconds of a break leaves a `.break` file that is
// removed after `staleMs`; a reused pid keeps a dead holder's lock until it is `staleMs` old.
import { randomBytes } from 'node:crypto'
import { open, readFile, stat, unlink } from 'node:fs/promises'
import { hostname } from 'node:os'
import { isErrno } from './atomic-file'

export interface FileLockOptions {
  /** Give up after this long (ms). Default 10 s. */
  timeoutMs?: number
  /** A lock older than this is stale even if its holder still runs (ms). Default 30 s. */
  staleMs?: number
  /** Is this pid alive on this host? Injected by tests. */
  isAlive?: (pid: number) => boolean
}

interface Holder {
  pid: number
  host: string
  at: number
  token: string
}

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
    const token = await tryCreate(lockPath)
    if (token) return () => releaseIfOurs(lockPath, token)
    // Checked on every round, breaks included: a stale lock that cannot be removed must not spin forever.
    if (round > 0 && Date.now() > deadline) throw new FileLockTimeoutError(lockPath)
    if (await isStale(lockPath, options)) {
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
    const token = await tryCreate(lockPath)
    if (token) return () => releaseIfOurs(lockPath, token)
    if (!(await isStale(lockPath, options))) return null
    await breakStaleLock(lockPath, options)
  }
  return null
}

async function tryCreate(lockPath: string): Promise<string | null> {
  const token = randomBytes(8).toString('hex')
  let file
  try {
    file = await open(lockPath, 'wx', 0o600)
  } catch (error) {
    if (isErrno(error, 'EEXIST')) return null
    throw error
  }
  try {
    const holder: Holder = { pid: process.pid, host: hostname(), at: Date.now(), token }
    await file.writeFile(JSON.stringify(holder))
  } finally {
    await file.close()
  }
  return token
}

async function readHolder(lockPath: string): Promise<{ holder: Holder | null; ageMs: number } | null> {
  try {
    const [text, info] = await Promise.all([readFile(lockPath, 'utf8'), stat(lockPath)])
    let holder: Holder | null = null
    try {
      holder = JSON.parse(text) as Holder
    } catch {
      holder = null // being written right now, or torn by a crash: judged by age alone
    }
    return { holder, ageMs: Date.now() - info.mtimeMs }
  } catch (error) {
    if (isErrno(error, 'ENOENT')) return null
    throw error
  }
}

async function isStale(lockPath: string, options: FileLockOptions): Promise<boolean> {
  const found = await readHolder(lockPath)
  if (!found) return false // released meanwhile: just try again
  const staleMs = options.staleMs ?? 30_000
  if (found.ageMs > staleMs) return true
  const { holder } = found
  if (!holder || holder.host !== hostname()) return false
  return !(options.isAlive ?? isPidAlive)(holder.pid)
}

async function breakStaleLock(lockPath: string, options: FileLockOptions): Promise<void> {
  const breakPath = `${lockPath}.break`
  const breakToken = await tryCreate(breakPath)
  if (!breakToken) {
    // Someone else is breaking it; a breaker that died leaves its file, removed once old.
    const breaker = await readHolder(breakPath)
    if (breaker && breaker.ageMs > (options.staleMs ?? 30_000)) await unlink(breakPath).catch(unlessGone)
    await delay(1 + Math.random() * 4)
    return
  }
  try {
    // Judged again under the break lock: the lock may have been released and taken anew meanwhile.
    if (await isStale(lockPath, options)) await unlink(lockPath).catch(unlessGone)
  } finally {
    await releaseIfOurs(breakPath, breakToken)
  }
}

async function releaseIfOurs(lockPath: string, token: string): Promise<void> {
  const found = await readHolder(lockPath).catch(() => null)
  if (found?.holder?.token === token) await unlink(lockPath).catch(() => undefined)
}

export function isPidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    // EPERM: the pid exists but belongs to another user — alive.
    return isErrno(error, 'EPERM')
  }
}

/** Removed meanwhile by its holder or another breaker is fine; a folder that refuses removal (EROFS, EACCES) is not. */
function unlessGone(error: unknown): void {
  if (!isErrno(error, 'ENOENT')) throw error
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}
