import { spawnSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import type * as fsPromises from 'node:fs/promises'
import { hostname, tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import {
  acquireFileLock,
  FileLockTimeoutError,
  tryAcquireFileLock,
  withFileLock,
} from '../../../../src/core/budget/file-lock'

// A folder that refuses removals (read-only mount) even to root: `unlink` answers EROFS when asked to.
const refusal = vi.hoisted(() => ({ unlink: false }))
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
afterEach(() => {
  refusal.unlink = false
})

const lockIn = (): string => join(mkdtempSync(join(tmpdir(), 'lock-')), 'usage.json.lock')

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
})
