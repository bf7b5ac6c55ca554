import type * as fs from 'node:fs'
import {
  closeSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  statSync,
  writeFileSync,
} from 'node:fs'
import type * as fsPromises from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import {
  readReplacedFileSync,
  replaceFileKeepingOpen,
  writeFileAtomic,
} from '../../../../src/core/budget/atomic-file'

// A full disk: the temp file is created, then the write on its handle answers ENOSPC (with no path, as
// the kernel's write(2) gives none).
const refusal = vi.hoisted(() => ({ diskFull: false }))
vi.mock('node:fs/promises', async (importOriginal) => {
  const actual = await importOriginal<typeof fsPromises>()
  return {
    ...actual,
    open: async (...args: Parameters<typeof actual.open>) => {
      const handle = await actual.open(...args)
      if (!refusal.diskFull) return handle
      return Object.assign(Object.create(handle) as typeof handle, {
        writeFile: () =>
          Promise.reject(
            Object.assign(new Error('ENOSPC: no space left on device, write'), {
              code: 'ENOSPC',
              syscall: 'write',
            }),
          ),
        close: () => handle.close(),
      })
    },
  }
})
// The synchronous writer: the write on the temp file's descriptor answers ENOSPC the same way.
vi.mock('node:fs', async (importOriginal) => {
  const actual = await importOriginal<typeof fs>()
  return {
    ...actual,
    writeFileSync: (...args: Parameters<typeof actual.writeFileSync>) => {
      if (refusal.diskFull && typeof args[0] === 'number')
        throw Object.assign(new Error('ENOSPC: no space left on device, write'), {
          code: 'ENOSPC',
          syscall: 'write',
        })
      return actual.writeFileSync(...args)
    },
  }
})
afterEach(() => {
  refusal.diskFull = false
})

describe('writeFileAtomic', () => {
  it('writes the whole file, 0600', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'atomic-'))
    await writeFileAtomic(join(dir, 'usage.json'), '{"version":1}')
    expect(readFileSync(join(dir, 'usage.json'), 'utf8')).toBe('{"version":1}')
    expect(statSync(join(dir, 'usage.json')).mode & 0o777).toBe(0o600)
  })

  it('leaves no temp file behind on a full disk, keeps the old file and names the file it was writing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'atomic-'))
    const path = join(dir, 'http-history.json')
    await writeFileAtomic(path, 'old')
    refusal.diskFull = true
    await expect(writeFileAtomic(path, 'new', 0o600, { durable: false })).rejects.toMatchObject({
      code: 'ENOSPC',
      syscall: 'write',
      path,
    })
    expect(readdirSync(dir)).toEqual(['http-history.json'])
    expect(readFileSync(path, 'utf8')).toBe('old')
  })
})

/** A replacement whose file is not kept open. */
const replaceFileSync = (path: string, data: string): void => closeSync(replaceFileKeepingOpen(path, data).fd)

describe('replaceFileKeepingOpen', () => {
  it('puts the new file in the old one’s place, 0600, and leaves no other file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'atomic-'))
    const path = join(dir, 'usage.json')
    replaceFileSync(path, 'first')
    replaceFileSync(path, 'second')
    expect(readFileSync(path, 'utf8')).toBe('second')
    expect(statSync(path).mode & 0o777).toBe(0o600)
    expect(readdirSync(dir)).toEqual(['usage.json'])
    expect(readReplacedFileSync(path)).toEqual({ text: 'second', from: path })
  })

  it('is read from `.prev` after a crash between its renames, and the next write leaves one file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'atomic-'))
    const path = join(dir, 'usage.json')
    replaceFileSync(path, 'counted')
    renameSync(path, `${path}.prev`)
    expect(readReplacedFileSync(path)).toEqual({ text: 'counted', from: `${path}.prev` })
    replaceFileSync(path, 'counted again')
    expect(readdirSync(dir)).toEqual(['usage.json'])
    expect(readReplacedFileSync(path)).toEqual({ text: 'counted again', from: path })
  })

  it('replaces a `.prev` a crash left beside the file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'atomic-'))
    const path = join(dir, 'usage.json')
    writeFileSync(`${path}.prev`, 'stale')
    replaceFileSync(path, 'old')
    writeFileSync(`${path}.prev`, 'stale')
    replaceFileSync(path, 'new')
    expect(readdirSync(dir)).toEqual(['usage.json'])
    expect(readFileSync(path, 'utf8')).toBe('new')
  })

  it('says ENOENT for the file itself when neither it nor `.prev` exists', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'atomic-')), 'usage.json')
    expect(() => readReplacedFileSync(path)).toThrow(expect.objectContaining({ code: 'ENOENT', path }))
  })

  it('leaves the old file in place and no temp file on a full disk, naming the file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'atomic-'))
    const path = join(dir, 'usage.json')
    replaceFileSync(path, 'old')
    refusal.diskFull = true
    expect(() => replaceFileSync(path, 'new')).toThrow(
      expect.objectContaining({ code: 'ENOSPC', syscall: 'write', path }),
    )
    expect(readdirSync(dir)).toEqual(['usage.json'])
    expect(readFileSync(path, 'utf8')).toBe('old')
  })
})
