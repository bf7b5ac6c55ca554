import { mkdtempSync, readdirSync, readFileSync, renameSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import {
  createLedgerFile,
  growthRoomBytes,
  inPlaceMaxBytes,
  padded,
  type LedgerFile,
} from '../../../../src/core/budget/ledger-file'

const opened: LedgerFile[] = []
afterEach(() => {
  for (const file of opened.splice(0)) file.close()
})

function ledgerFileIn(dir: string): { path: string; file: LedgerFile } {
  const path = join(dir, 'usage.json')
  const file = createLedgerFile(path)
  opened.push(file)
  return { path, file }
}

/** A text of exactly `bytes` bytes that ends with a newline, as the ledger's do. */
const textOf = (bytes: number, fill = 'x'): string => `${fill.repeat(bytes - 1)}\n`
const inode = (path: string): number => statSync(path).ino

describe('ledger file', () => {
  it('writes a new file with room to grow, padded with spaces before its last newline', () => {
    const { path, file } = ledgerFileIn(mkdtempSync(join(tmpdir(), 'ledger-file-')))
    file.write('{"a":1}\n')
    expect(readFileSync(path, 'utf8')).toBe(`{"a":1}${' '.repeat(growthRoomBytes)}\n`)
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual({ a: 1 })
    expect(statSync(path).mode & 0o777).toBe(0o600)
    expect(readdirSync(join(path, '..'))).toEqual(['usage.json'])
    expect(file.isOurs()).toBe(true)
  })

  it('overwrites its own file in place up to its length, and puts a longer text in a new file', () => {
    const { path, file } = ledgerFileIn(mkdtempSync(join(tmpdir(), 'ledger-file-')))
    file.write(textOf(100))
    const size = statSync(path).size
    expect(size).toBe(100 + growthRoomBytes)
    const first = inode(path)
    file.write(textOf(10, 'y'))
    expect(inode(path)).toBe(first)
    expect(readFileSync(path, 'utf8')).toBe(`${'y'.repeat(9)}${' '.repeat(size - 10)}\n`)
    // Exactly the file's length: still in place. One byte more: a new file.
    file.write(textOf(size, 'z'))
    expect([inode(path), statSync(path).size]).toEqual([first, size])
    expect(readFileSync(path, 'utf8')).toBe(textOf(size, 'z'))
    file.write(textOf(size + 1))
    expect(inode(path)).not.toBe(first)
    expect(statSync(path).size).toBe(size + 1 + growthRoomBytes)
    expect(readdirSync(join(path, '..'))).toEqual(['usage.json'])
  })

  it('keeps a file of one page to overwrite, and never one a byte longer', () => {
    const { path, file } = ledgerFileIn(mkdtempSync(join(tmpdir(), 'ledger-file-')))
    file.write(textOf(inPlaceMaxBytes))
    const page = inode(path)
    expect(statSync(path).size).toBe(inPlaceMaxBytes)
    file.write(textOf(inPlaceMaxBytes, 'y'))
    expect(inode(path)).toBe(page)
    file.write(textOf(inPlaceMaxBytes + 1))
    const longer = inode(path)
    expect([longer === page, statSync(path).size, file.isOurs()]).toEqual([false, inPlaceMaxBytes + 1, false])
    // Not kept: even a short text goes to a new file.
    file.write(textOf(10))
    expect(inode(path)).not.toBe(longer)
    expect(file.isOurs()).toBe(true)
  })

  it('never overwrites a file another writer put in its place', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ledger-file-'))
    const mine = ledgerFileIn(dir)
    const theirs = ledgerFileIn(dir)
    mine.file.write(textOf(50, 'm'))
    theirs.file.write(textOf(50, 't'))
    const theirInode = inode(mine.path)
    expect([mine.file.isOurs(), theirs.file.isOurs()]).toEqual([false, true])
    mine.file.write(textOf(20, 'm'))
    expect(inode(mine.path)).not.toBe(theirInode)
    expect([mine.file.isOurs(), theirs.file.isOurs()]).toEqual([true, false])
    expect(readFileSync(mine.path, 'utf8').startsWith('m'.repeat(19))).toBe(true)
    expect(readdirSync(dir)).toEqual(['usage.json'])
  })

  it('writes a new file when its own was moved away, and after it let go of it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ledger-file-'))
    const { path, file } = ledgerFileIn(dir)
    file.write(textOf(30))
    renameSync(path, `${path}.corrupt`)
    expect(file.isOurs()).toBe(false)
    file.write(textOf(30, 'y'))
    expect(readFileSync(`${path}.corrupt`, 'utf8').startsWith('x'.repeat(29))).toBe(true)
    const second = inode(path)
    file.close()
    expect(file.isOurs()).toBe(false)
    file.write(textOf(30, 'z'))
    expect(inode(path)).not.toBe(second)
  })
})

describe('padded', () => {
  it('adds spaces before a last newline, at the end otherwise, and leaves a text that fills the room', () => {
    expect(padded('{}\n', 6)).toBe('{}   \n')
    expect(padded('{}', 4)).toBe('{}  ')
    expect(padded('{}\n', 3)).toBe('{}\n')
    expect(padded('{}\n', 2)).toBe('{}\n')
    // Counted in bytes: é is two.
    expect(padded('"é"\n', 6)).toBe('"é" \n')
  })
})
