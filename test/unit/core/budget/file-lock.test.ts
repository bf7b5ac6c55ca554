import { spawnSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { hostname, tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  acquireFileLock,
  FileLockTimeoutError,
  tryAcquireFileLock,
  withFileLock,
} from '../../../../src/core/budget/file-lock'

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
})
