import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { readInputFile, streamInputFile } from '../../../src/cli/input-file'
import { PlausibleError } from '../../../src/shared/errors'

const hint = 'Give the path of an NDJSON or CSV file of events.'

describe('readInputFile', () => {
  it('returns the text of a file that exists', async () => {
    const path = join(await mkdtemp(join(tmpdir(), 'input-file-')), 'events.ndjson')
    await writeFile(path, '{"name":"pageview"}\n')
    expect(await readInputFile(path, hint)).toBe('{"name":"pageview"}\n')
  })

  it('refuses a missing file with USAGE naming the path and ENOENT, and the caller’s hint', async () => {
    const path = join(await mkdtemp(join(tmpdir(), 'input-file-')), 'missing.ndjson')
    const error = await readInputFile(path, hint).catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(PlausibleError)
    expect(error).toMatchObject({ code: 'USAGE', message: `Could not read ${path} (ENOENT).`, hint })
  })

  it('names EISDIR when the path is a folder', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'input-file-'))
    await expect(readInputFile(dir, hint)).rejects.toMatchObject({
      code: 'USAGE',
      message: `Could not read ${dir} (EISDIR).`,
    })
  })
})

describe('streamInputFile', () => {
  const pieces = async (path: string): Promise<string[]> => {
    const out: string[] = []
    for await (const piece of streamInputFile(path, hint)) out.push(piece)
    return out
  }

  it('gives the text readInputFile gives, in pieces of 64 KiB, a character split between two reads kept whole', async () => {
    const path = join(await mkdtemp(join(tmpdir(), 'input-file-')), 'events.ndjson')
    // A byte-order mark, a 3-byte character across the first 64 KiB boundary, a bad byte at the end.
    const text = `\ufeff${'a'.repeat(65_533)}€${'b'.repeat(70_000)}`
    await writeFile(path, Buffer.concat([Buffer.from(text, 'utf8'), Buffer.from([0xff])]))
    const read = await pieces(path)
    expect(read.length).toBe(3)
    expect(read.join('')).toBe(await readInputFile(path, hint))
    expect(read.join('')).toBe(`${text}\ufffd`)
  })

  it('refuses a missing file or a folder with the same USAGE error as readInputFile', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'input-file-'))
    const missing = join(dir, 'missing.ndjson')
    await expect(pieces(missing)).rejects.toMatchObject({
      code: 'USAGE',
      message: `Could not read ${missing} (ENOENT).`,
      hint,
    })
    await expect(pieces(dir)).rejects.toMatchObject({
      code: 'USAGE',
      message: `Could not read ${dir} (EISDIR).`,
    })
  })
})
