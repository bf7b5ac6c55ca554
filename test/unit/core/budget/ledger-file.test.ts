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

/** A step as the ledger store takes it: whether the file is still ours, asked once, then the write. */
const put = (file: LedgerFile, text: string): void => file.write(text, file.isOurs())

/** A text of exactly `bytes` bytes that ends with a newline, as the ledger's do. */
const textOf = (bytes: number, fill = 'x'): string => `${fill.repeat(bytes - 1)}\n`
const inode = (path: string): number => statSync(path).ino

describe('ledger file', () => {
  it('writes a new file with room to grow, padded with spaces before its last newline', () => {
    const { path, file } = ledgerFileIn(mkdtempSync(join(tmpdir(), 'ledger-file-')))
    put(file, '{"a":1}\n')
    expect(readFileSync(path, 'utf8')).toBe(`{"a":1}${' '.repeat(growthRoomBytes)}\n`)
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual({ a: 1 })
    expect(statSync(path).mode & 0o777).toBe(0o600)
    expect(readdirSync(join(path, '..'))).toEqual(['usage.json'])
    expect(file.isOurs()).toBe(true)
  })

  it('overwrites its own file in place up to its length, and puts a longer text in a new file', () => {
    const { path, file } = ledgerFileIn(mkdtempSync(join(tmpdir(), 'ledger-file-')))
    put(file, textOf(100))
    const size = statSync(path).size
    expect(size).toBe(100 + growthRoomBytes)
    const first = inode(path)
    put(file, textOf(10, 'y'))
    expect(inode(path)).toBe(first)
    expect(readFileSync(path, 'utf8')).toBe(`${'y'.repeat(9)}${' '.repeat(size - 10)}\n`)
    // Exactly the file's length: still in place. One byte more: a new file.
    put(file, textOf(size, 'z'))
    expect([inode(path), statSync(path).size]).toEqual([first, size])
    expect(readFileSync(path, 'utf8')).toBe(textOf(size, 'z'))
    put(file, textOf(size + 1))
    expect(inode(path)).not.toBe(first)
    expect(statSync(path).size).toBe(size + 1 + growthRoomBytes)
    expect(readdirSync(join(path, '..'))).toEqual(['usage.json'])
  })

  it('keeps a file of one page to overwrite, and never one a byte longer', () => {
    const { path, file } = ledgerFileIn(mkdtempSync(join(tmpdir(), 'ledger-file-')))
    put(file, textOf(inPlaceMaxBytes))
    const page = inode(path)
    expect(statSync(path).size).toBe(inPlaceMaxBytes)
    put(file, textOf(inPlaceMaxBytes, 'y'))
    expect(inode(path)).toBe(page)
    put(file, textOf(inPlaceMaxBytes + 1))
    const longer = inode(path)
    expect([longer === page, statSync(path).size, file.isOurs()]).toEqual([false, inPlaceMaxBytes + 1, false])
    // Not kept: even a short text goes to a new file.
    put(file, textOf(10))
    expect(inode(path)).not.toBe(longer)
    expect(file.isOurs()).toBe(true)
  })

  it('overwrites in place only when the caller says it found the file its own', () => {
    const { path, file } = ledgerFileIn(mkdtempSync(join(tmpdir(), 'ledger-file-')))
    put(file, textOf(40))
    const first = inode(path)
    file.write(textOf(40, 'y'), false)
    expect(inode(path)).not.toBe(first)
    expect(file.isOurs()).toBe(true)
  })

  it('never overwrites a file another writer put in its place', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ledger-file-'))
    const mine = ledgerFileIn(dir)
    const theirs = ledgerFileIn(dir)
    put(mine.file, textOf(50, 'm'))
    put(theirs.file, textOf(50, 't'))
    const theirInode = inode(mine.path)
    expect([mine.file.isOurs(), theirs.file.isOurs()]).toEqual([false, true])
    put(mine.file, textOf(20, 'm'))
    expect(inode(mine.path)).not.toBe(theirInode)
    expect([mine.file.isOurs(), theirs.file.isOurs()]).toEqual([true, false])
    expect(readFileSync(mine.path, 'utf8').startsWith('m'.repeat(19))).toBe(true)
    expect(readdirSync(dir)).toEqual(['usage.json'])
  })

  it('writes a new file when its own was moved away, and after it let go of it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ledger-file-'))
    const { path, file } = ledgerFileIn(dir)
    put(file, textOf(30))
    renameSync(path, `${path}.corrupt`)
    expect(file.isOurs()).toBe(false)
    put(file, textOf(30, 'y'))
    expect(readFileSync(`${path}.corrupt`, 'utf8').startsWith('x'.repeat(29))).toBe(true)
    const second = inode(path)
    file.close()
    expect(file.isOurs()).toBe(false)
    put(file, textOf(30, 'z'))
    expect(inode(path)).not.toBe(second)
  })
})

describe('padded', () => {
  it.each([
    // Spaces go before a last newline, at the end otherwise; a text that fills the room stays as it is.
    ['{}\n', 6, '{}   \n'],
    ['{}', 4, '{}  '],
    ['{}\n', 3, '{}\n'],
    ['{}\n', 2, '{}\n'],
    // Counted in bytes: é is two.
    ['"é"\n', 6, '"é" \n'],
  ])('pads %j to %d bytes as %j', (text, bytes, expected) => {
    expect(padded(text, bytes)).toBe(expected)
  })
})
