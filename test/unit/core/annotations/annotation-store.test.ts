import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeEach, describe, expect, it } from 'vitest'
import { annotationsFileName, createAnnotationStore } from '../../../../src/core/annotations/annotation-store'

let dir: string
let ids: number
const now = Date.parse('2026-11-23T14:30:00Z')
const warnings: string[] = []
/** Where most entries here go. */
const workShop = { account: 'work', site: 'shop.example' }

function store() {
  return createAnnotationStore({
    configDir: dir,
    clock: () => now,
    newId: () => `a-${String(++ids).padStart(2, '0')}`,
    onWarning: (message) => warnings.push(message),
  })
}

/** The folder without the lock's own holder file (file-lock.ts keeps it for the next taking). */
const files = (): string[] =>
  readdirSync(dir)
    .filter((name) => !name.startsWith(`.${annotationsFileName}.lock.`))
    .sort()

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'annotations-'))
  ids = 0
  warnings.length = 0
})

describe('annotation store', () => {
  it('keeps annotations per account and site, oldest date first, in a 0600 file written atomically', async () => {
    const annotations = store()
    await annotations.add({ ...workShop, date: '2026-11-20', kind: 'deploy', text: 'v2.3' })
    await annotations.add({
      account: 'work',
      site: 'blog.example',
      date: '2026-11-01',
      kind: 'note',
      text: 'new theme',
    })
    await annotations.add({
      account: 'home',
      site: 'shop.example',
      date: '2026-11-02',
      kind: 'campaign',
      text: 'ads',
    })
    await annotations.add({ ...workShop, date: '2026-11-19', kind: 'campaign', text: 'Mail' })

    expect(
      (await annotations.list({ account: 'work', site: 'shop.example' })).map((a) => [a.id, a.date]),
    ).toEqual([
      ['a-04', '2026-11-19'],
      ['a-01', '2026-11-20'],
    ])
    expect((await annotations.list({ account: 'work' })).map((a) => a.id)).toEqual(['a-02', 'a-04', 'a-01'])
    expect((await annotations.list({ account: 'home', site: 'shop.example' })).map((a) => a.id)).toEqual([
      'a-03',
    ])
    expect(await annotations.list({ account: 'other' })).toEqual([])

    const path = join(dir, annotationsFileName)
    expect(statSync(path).mode & 0o777).toBe(0o600)
    // Nothing left behind by the temp-file-and-rename write, and the file is what a reader expects.
    expect(files()).toEqual([annotationsFileName])
    const file = JSON.parse(readFileSync(path, 'utf8')) as { version: number; annotations: unknown[] }
    expect(file.version).toBe(1)
    expect(file.annotations).toHaveLength(4)
    expect(file.annotations[0]).toEqual({
      id: 'a-02',
      account: 'work',
      site: 'blog.example',
      date: '2026-11-01',
      kind: 'note',
      text: 'new theme',
      createdAt: '2026-11-23T14:30:00.000Z',
    })
  })

  it('refuses a date that is not a calendar day and text that is empty or too long, writing nothing', async () => {
    const annotations = store()
    const base = { ...workShop, kind: 'note' as const }
    await expect(annotations.add({ ...base, date: '2026-02-30', text: 'x' })).rejects.toThrow(
      'use a calendar date as YYYY-MM-DD',
    )
    await expect(annotations.add({ ...base, date: '2026-11-20', text: '   ' })).rejects.toThrow(
      'say what happened',
    )
    await expect(annotations.add({ ...base, date: '2026-11-20', text: 'x'.repeat(201) })).rejects.toThrow(
      'keep it to 200 characters',
    )
    expect(files()).toEqual([])
    await annotations.add({ ...base, date: '2026-11-20', text: 'x'.repeat(200) })
    expect(await annotations.list({ account: 'work' })).toHaveLength(1)
  })

  it('removes by id, and says which id it does not know', async () => {
    const annotations = store()
    await annotations.add({ ...workShop, date: '2026-11-20', kind: 'deploy', text: 'v2.3' })
    await annotations.add({ ...workShop, date: '2026-11-21', kind: 'deploy', text: 'v2.4' })
    expect((await annotations.remove('a-01')).text).toBe('v2.3')
    expect((await annotations.list({ account: 'work' })).map((a) => a.id)).toEqual(['a-02'])
    await expect(annotations.remove('a-01')).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: 'There is no annotation "a-01".',
    })
  })

  it('loses no entry when several writers add at once (the lock)', async () => {
    const writers = Array.from({ length: 8 }, () => store())
    await Promise.all(
      writers.map((annotations, index) =>
        annotations.add({ ...workShop, date: '2026-11-20', kind: 'note', text: `n${index}` }),
      ),
    )
    expect((await store().list({ account: 'work' })).map((a) => a.text).sort()).toEqual([
      'n0',
      'n1',
      'n2',
      'n3',
      'n4',
      'n5',
      'n6',
      'n7',
    ])
  })

  it('moves a corrupt file aside and says so, never silently resetting it', async () => {
    writeFileSync(join(dir, annotationsFileName), '{ not json')
    expect(await store().list({ account: 'work' })).toEqual([])
    expect(warnings).toHaveLength(1)
    expect(warnings[0]).toMatch(
      /^The annotations could not be read \(it is not valid JSON\); the file was moved to .*annotations\.json\.corrupt-2026-11-23T14-30-00-000Z\.$/,
    )
    expect(files()).toEqual([`${annotationsFileName}.corrupt-2026-11-23T14-30-00-000Z`])
  })
})
