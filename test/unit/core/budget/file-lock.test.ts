import { spawnSync } from 'node:child_process'
import type * as fs from 'node:fs'
import {
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  unlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs'
import type * as fsPromises from 'node:fs/promises'
import { hostname, tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import {
  acquireFileLock,
  FileLockTimeoutError,
  inspectFileLock,
  isPidAlive,
  tryAcquireFileLock,
  withFileLock,
} from '../../../../src/core/budget/file-lock'

// A folder that refuses removals (read-only mount) even to root: `unlink` answers EROFS when asked to.
// A full disk: the holder's file is created, then `writeSync` (it is written synchronously) answers ENOSPC.
const refusal = vi.hoisted(() => ({ unlink: false, diskFull: false }))
vi.mock('node:fs/promises', async (importOriginal) => {
  const actual = await importOriginal<typeof fsPromises>()
  return {
    ...actual,
    unlink: (path: string) =>
      refusal.unlink
        ? Promise.reject(Object.assign(new Error('EROFS'), { code: 'EROFS', syscall: 'unlink', path }))
        : actual.unlink(path),
  }
})
vi.mock('node:fs', async (importOriginal) => {
  const actual = await importOriginal<typeof fs>()
  return {
    ...actual,
    writeSync: (...args: Parameters<typeof actual.writeSync>) => {
      if (!refusal.diskFull) return actual.writeSync(...args)
      throw Object.assign(new Error('ENOSPC: no space left on device, write'), {
        code: 'ENOSPC',
        syscall: 'write',
      })
    },
  }
})
afterEach(() => {
  refusal.unlink = false
  refusal.diskFull = false
})

const graceMs = 2_000
/** Sets a file's modification time `ms` in the past: how old a lock looks. */
const ageBy = (path: string, ms: number): void => {
  const then = new Date(Date.now() - ms)
  utimesSync(path, then, then)
}
const deadPid = (): number => spawnSync(process.execPath, ['-e', '0']).pid as number
const worker = { staleMs: Number.POSITIVE_INFINITY }

const lockIn = (): string => join(mkdtempSync(join(tmpdir(), 'lock-')), 'usage.json.lock')
/** The folder's files but the holder files this process keeps for its locks while it lives. */
const filesBeside = (path: string): string[] =>
  readdirSync(dirname(path))
    .filter((name) => !new RegExp(`^\\..*\\.${process.pid}\\.[0-9a-f]{8}\\.tmp$`).test(name))
    .sort()

describe('file lock', () => {
  it('runs critical sections one at a time', async () => {
    const path = lockIn()
    let inside = 0
    let most = 0
    await Promise.all(
      Array.from({ length: 20 }, () =>
        withFileLock(path, async () => {
          inside += 1
          most = Math.max(most, inside)
          await new Promise((resolve) => setTimeout(resolve, 1))
          inside -= 1
        }),
      ),
    )
    expect(most).toBe(1)
  })

  it('breaks the lock of a process that died holding it', async () => {
    const path = lockIn()
    const dead = spawnSync(process.execPath, ['-e', '0']).pid
    writeFileSync(path, JSON.stringify({ pid: dead, host: hostname(), at: Date.now(), token: 'gone' }))
    const release = await acquireFileLock(path, { timeoutMs: 1000 })
    await release()
  })

  it('waits for a live holder and gives up at the timeout', async () => {
    const path = lockIn()
    const release = await acquireFileLock(path)
    await expect(acquireFileLock(path, { timeoutMs: 50 })).rejects.toBeInstanceOf(FileLockTimeoutError)
    expect(await tryAcquireFileLock(path)).toBeNull()
    await release()
    const again = await tryAcquireFileLock(path)
    expect(again).not.toBeNull()
    await again?.()
  })

  it('gives up with the file system error when a stale lock cannot be removed, instead of spinning', async () => {
    const path = lockIn()
    const dead = spawnSync(process.execPath, ['-e', '0']).pid
    writeFileSync(path, JSON.stringify({ pid: dead, host: hostname(), at: Date.now(), token: 'gone' }))
    refusal.unlink = true
    await expect(acquireFileLock(path, { timeoutMs: 60_000 })).rejects.toMatchObject({
      code: 'EROFS',
      path,
    })
  })

  it('gives up with the file system error when an old break file cannot be removed, instead of spinning', async () => {
    const path = lockIn()
    const dead = spawnSync(process.execPath, ['-e', '0']).pid
    const old = { pid: dead, host: hostname(), at: 0, token: 'gone' }
    writeFileSync(path, JSON.stringify(old))
    writeFileSync(`${path}.break`, JSON.stringify(old))
    refusal.unlink = true
    await expect(acquireFileLock(path, { timeoutMs: 50, staleMs: 0 })).rejects.toMatchObject({
      code: 'EROFS',
      path: `${path}.break`,
    })
  })

  it('gives up at the timeout while another breaker holds a stale lock, instead of spinning', async () => {
    const path = lockIn()
    const dead = spawnSync(process.execPath, ['-e', '0']).pid
    writeFileSync(path, JSON.stringify({ pid: dead, host: hostname(), at: Date.now(), token: 'gone' }))
    // A live breaker that never finishes: the lock stays stale and cannot be broken by us.
    writeFileSync(
      `${path}.break`,
      JSON.stringify({ pid: process.pid, host: hostname(), at: Date.now(), token: 'busy' }),
    )
    const started = Date.now()
    await expect(acquireFileLock(path, { timeoutMs: 100 })).rejects.toBeInstanceOf(FileLockTimeoutError)
    expect(Date.now() - started).toBeLessThan(2000)
  })

  it('writes the holder whole: a reader never finds the lock empty or torn while it is taken and released', async () => {
    const path = lockIn()
    let isDone = false
    const seen: string[] = []
    const reader = (async () => {
      while (!isDone) {
        try {
          seen.push(readFileSync(path, 'utf8'))
        } catch {
          // Between a release and the next take.
        }
        await new Promise((resolve) => setImmediate(resolve))
      }
    })()
    // Taking and releasing are synchronous: the body holds the lock across a turn so the reader sees it.
    for (let round = 0; round < 300; round++)
      await withFileLock(path, () => new Promise((resolve) => setImmediate(resolve)))
    isDone = true
    await reader
    expect(seen.length).toBeGreaterThan(0)
    expect(
      seen.filter((text) => !/^\{"pid":\d+,"host":".*","at":\d+,"token":"[0-9a-f]{16}"/.test(text)),
    ).toEqual([])
  })

  it('gives each taking a token of its own', async () => {
    const path = lockIn()
    const tokens: string[] = []
    for (let round = 0; round < 3; round++)
      await withFileLock(path, async () => {
        tokens.push((JSON.parse(readFileSync(path, 'utf8')) as { token: string }).token)
      })
    expect(new Set(tokens).size).toBe(3)
  })

  it('leaves no lock behind when the disk fills while the holder is written, and names the lock', async () => {
    const path = lockIn()
    refusal.diskFull = true
    await expect(acquireFileLock(path, { timeoutMs: 100 })).rejects.toMatchObject({
      code: 'ENOSPC',
      path,
    })
    expect(readdirSync(dirname(path))).toEqual([])
    refusal.diskFull = false
    const started = Date.now()
    const release = await acquireFileLock(path, { timeoutMs: 100 })
    expect(Date.now() - started).toBeLessThan(100)
    await release()
  })

  describe.each([
    ['an empty lock', ''],
    ['a torn lock', '{"pid":12'],
    ['a lock that is not a holder', '{"pid":0,"host":"x","at":1,"token":"t"}'],
  ])('%s (a crash or a full disk between create and write, in an older version)', (_, text) => {
    it('is left alone just younger than the grace: it may be being written', async () => {
      const path = lockIn()
      writeFileSync(path, text)
      ageBy(path, graceMs - 500)
      expect(await inspectFileLock(path, worker)).toMatchObject({ state: 'settling' })
      expect(await tryAcquireFileLock(path, worker)).toBeNull()
      expect(readFileSync(path, 'utf8')).toBe(text)
    })

    it('is taken over just older than the grace, even by the worker that ignores age', async () => {
      const path = lockIn()
      writeFileSync(path, text)
      ageBy(path, graceMs + 500)
      expect(await inspectFileLock(path, worker)).toMatchObject({
        state: 'stale',
        reason: 'unreadable',
        holder: null,
      })
      const release = await tryAcquireFileLock(path, worker)
      expect(release).not.toBeNull()
      expect(JSON.parse(readFileSync(path, 'utf8'))).toMatchObject({ pid: process.pid, host: hostname() })
      await release?.()
      expect(existsSync(path)).toBe(false)
    })

    it('does not keep a waiting ledger step for its whole staleMs', async () => {
      const path = lockIn()
      writeFileSync(path, text)
      ageBy(path, graceMs + 500)
      const started = Date.now()
      await withFileLock(path, async () => undefined, { timeoutMs: 10_000 })
      expect(Date.now() - started).toBeLessThan(1_000)
    })
  })

  it('takes over a worker lock whose holder died, at once and whatever its age', async () => {
    const path = lockIn()
    const pid = deadPid()
    writeFileSync(path, JSON.stringify({ pid, host: hostname(), at: Date.now(), token: 'gone' }))
    expect(await inspectFileLock(path, worker)).toMatchObject({
      state: 'stale',
      reason: 'dead',
      holder: { pid },
    })
    const release = await tryAcquireFileLock(path, worker)
    expect(release).not.toBeNull()
    await release?.()
  })

  it('respects a live holder for as long as it lives, readable or old', async () => {
    const path = lockIn()
    writeFileSync(path, JSON.stringify({ pid: process.pid, host: hostname(), at: 0, token: 'mine' }))
    ageBy(path, 3_600_000)
    expect(await inspectFileLock(path, worker)).toMatchObject({ state: 'held', holder: { pid: process.pid } })
    expect(await tryAcquireFileLock(path, worker)).toBeNull()
    expect(JSON.parse(readFileSync(path, 'utf8'))).toMatchObject({ token: 'mine' })
  })

  it('respects a holder on another host: its pid means nothing here', async () => {
    const path = lockIn()
    writeFileSync(path, JSON.stringify({ pid: deadPid(), host: `not-${hostname()}`, at: 0, token: 'away' }))
    expect(await inspectFileLock(path, worker)).toMatchObject({ state: 'held' })
    expect(await tryAcquireFileLock(path, worker)).toBeNull()
  })

  it.runIf(existsSync('/proc/sys/kernel/random/boot_id'))(
    'takes over a lock taken before the machine restarted, even when its pid now belongs to another process',
    async () => {
      const path = lockIn()
      const holder = { pid: process.pid, host: hostname(), at: 0, token: 'before', boot: 'another-boot' }
      writeFileSync(path, JSON.stringify(holder))
      expect(await inspectFileLock(path, worker)).toMatchObject({ state: 'stale', reason: 'rebooted' })
      const release = await tryAcquireFileLock(path, worker)
      expect(release).not.toBeNull()
      await release?.()
    },
  )

  it('clears the break file of a breaker that died, even for the worker lock that never ages', async () => {
    const path = lockIn()
    const gone = { pid: deadPid(), host: hostname(), at: Date.now(), token: 'gone' }
    writeFileSync(path, JSON.stringify(gone))
    writeFileSync(`${path}.break`, JSON.stringify(gone))
    const release = await acquireFileLock(path, { ...worker, timeoutMs: 1_000 })
    await release()
    expect(filesBeside(path)).toEqual([])
  })

  it('says the pids of process groups and nonsense are not holders', () => {
    expect(isPidAlive(process.pid)).toBe(true)
    expect(isPidAlive(0)).toBe(false)
    expect(isPidAlive(-1)).toBe(false)
    expect(isPidAlive(1.5)).toBe(false)
  })

  describe('the holder file a process keeps for each lock', () => {
    const holderOf = (path: string): string[] =>
      readdirSync(dirname(path)).filter((name) =>
        new RegExp(`^\\.usage\\.json\\.lock\\.${process.pid}\\.[0-9a-f]{8}\\.tmp$`).test(name),
      )

    it('is one file, rewritten and linked at each taking: the lock is a fresh holder, and release leaves no lock', async () => {
      const path = lockIn()
      const seen: Array<{ token: string; at: number }> = []
      for (let round = 0; round < 3; round++)
        await withFileLock(path, async () => {
          seen.push(JSON.parse(readFileSync(path, 'utf8')) as { token: string; at: number })
        })
      expect(holderOf(path)).toHaveLength(1)
      expect(readdirSync(dirname(path))).toEqual(holderOf(path))
      expect(new Set(seen.map((holder) => holder.token)).size).toBe(3)
      expect(seen.every((holder) => holder.at <= Date.now())).toBe(true)
    })

    it('makes this process wait for itself: a second taking waits for the first to release', async () => {
      const path = lockIn()
      const release = await acquireFileLock(path)
      const held = readFileSync(path, 'utf8')
      let isTaken = false
      const second = acquireFileLock(path, { timeoutMs: 5_000 }).then((next) => {
        isTaken = true
        return next
      })
      await new Promise((resolve) => setTimeout(resolve, 50))
      expect(isTaken).toBe(false)
      // Waiting did not rewrite the holder others read.
      expect(readFileSync(path, 'utf8')).toBe(held)
      await release()
      await (
        await second
      )()
      expect(existsSync(path)).toBe(false)
    })

    it('does not remove a lock broken as stale and taken anew when the first taking releases', async () => {
      const path = lockIn()
      const release = await acquireFileLock(path)
      // Another process judged it stale, broke it and took it: the lock's name is another file now.
      const other = { pid: process.pid + 1_000_000, host: 'elsewhere', at: Date.now(), token: 'theirs' }
      unlinkSync(path)
      writeFileSync(path, JSON.stringify(other))
      await release()
      expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual(other)
    })

    it('left by a process that died is removed by the next one after the staleness, not before', async () => {
      const path = lockIn()
      const dead = deadPid()
      const old = join(dirname(path), `.usage.json.lock.${dead}.0123abcd.tmp`)
      const young = join(dirname(path), `.usage.json.lock.${dead}.4567cdef.tmp`)
      const live = join(dirname(path), `.usage.json.lock.${process.ppid}.89abcdef.tmp`)
      for (const file of [old, young, live]) writeFileSync(file, '{}')
      ageBy(old, 31_000)
      ageBy(young, 29_000)
      ageBy(live, 31_000)
      await (
        await acquireFileLock(path)
      )()
      expect(existsSync(old)).toBe(false)
      expect(existsSync(young)).toBe(true)
      expect(existsSync(live)).toBe(true)
    })
  })
})
