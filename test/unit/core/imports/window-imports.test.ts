// The window's imports in the history: opened by imports.start, counted from the receipts events.send
// answered, finished beside the previous run of the same file — as a CLI import is recorded.
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createImportHistory } from '../../../../src/core/imports/import-history'
import { createWindowImports, type WindowImports } from '../../../../src/core/imports/window-imports'
import type { WriteQueue } from '../../../../src/core/queue/write-queue'
import { PlausibleError } from '../../../../src/shared/errors'

let dir: string
let imports: WindowImports
/** Job ids whose done job the journal marks as possibly delivered twice. */
let possiblyDelivered: Set<string>
let seconds: number

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'window-imports-'))
  possiblyDelivered = new Set()
  seconds = 0
  const queue = {
    find: async (id: string) => ({ state: 'done', job: { possiblyDelivered: possiblyDelivered.has(id) } }),
  } as unknown as WriteQueue
  imports = createWindowImports({
    configDir: dir,
    queue,
    now: () => new Date(Date.UTC(2026, 11, 7, 9, 0, seconds++)),
  })
})
afterEach(() => rm(dir, { recursive: true, force: true }))

const start = () =>
  imports.start({
    account: 'demo',
    source: { name: 'events.ndjson', digest: '0123456789abcdef', format: 'ndjson' },
    linesRead: 7,
    refused: { 'url: must be an absolute http(s) URL': 1 },
  })

describe('the window’s imports', () => {
  it('writes the run when it starts, unfinished, so a page closed half-way leaves it listed', async () => {
    const started = await start()
    expect(started).toMatchObject({
      source: { path: 'events.ndjson', digest: '0123456789abcdef', format: 'ndjson' },
      account: 'demo',
      startedAt: '2026-12-07T09:00:00.000Z',
      finishedAt: null,
      refused: { 'url: must be an absolute http(s) URL': 1 },
    })
    expect(await createImportHistory(dir).list()).toEqual([started])
  })

  it('counts each answer as the CLI counts it, and compares the second run with the first', async () => {
    const first = await start()
    await imports.record(first.id, 'pageview', { receipt: { status: 'accepted', jobId: 'a' } })
    await imports.record(first.id, 'pageview', { receipt: { status: 'accepted', jobId: 'b' } })
    await imports.record(first.id, 'Signup', { receipt: { status: 'dropped', dropped: 1, jobId: 'c' } })
    await imports.record(first.id, 'Signup', { error: new PlausibleError('NETWORK') })
    possiblyDelivered.add('e')
    await imports.record(first.id, 'pageview', { receipt: { status: 'accepted', jobId: 'e' } })
    // Queued for a retry: not answered yet, counted nowhere but its name.
    await imports.record(first.id, 'Signup', {
      receipt: {
        status: 'queued',
        jobId: 'f',
        retry: { code: 'NETWORK', message: 'down', nextAttemptAt: '2026-12-07T09:01:00.000Z' },
      },
    })
    const done = await imports.finish(first.id)
    expect(done).toMatchObject({
      finishedAt: '2026-12-07T09:00:01.000Z',
      linesRead: 7,
      accepted: 3,
      droppedByServer: 1,
      failed: 1,
      repeatsSkipped: 0,
      possiblyRepeated: 1,
      names: { pageview: 3, Signup: 3 },
      comparison: null,
    })

    const second = await start()
    for (const jobId of ['a', 'b', 'c'])
      await imports.record(second.id, 'pageview', {
        receipt: { status: 'accepted', jobId, isRepeat: true },
      })
    const again = await imports.finish(second.id)
    expect(again).toMatchObject({ accepted: 0, repeatsSkipped: 3, failed: 0, possiblyRepeated: 0 })
    expect(again.comparison).toMatchObject({
      previousId: first.id,
      counts: {
        accepted: { before: 3, after: 0, change: -3 },
        repeatsSkipped: { before: 0, after: 3, change: 3 },
      },
      vanishedNames: ['Signup'],
    })
    expect((await createImportHistory(dir).list()).map((run) => [run.id, run.finishedAt !== null])).toEqual([
      [first.id, true],
      [second.id, true],
    ])
  })

  it('refuses a run it does not hold open, before anything is sent, and a second finish', async () => {
    expect(() => imports.assertOpen('imp-20261207T090000000Z-abcdef')).toThrow(
      'Import imp-20261207T090000000Z-abcdef is not open in this app: imports.start opens a run, imports.finish closes it.',
    )
    const run = await start()
    imports.assertOpen(run.id)
    await imports.finish(run.id)
    await expect(imports.finish(run.id)).rejects.toMatchObject({ code: 'NOT_FOUND' })
  })
})
