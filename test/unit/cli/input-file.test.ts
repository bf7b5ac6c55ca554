import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { readInputFile } from '../../../src/cli/input-file'
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
