// imports.start / events.send with importId / imports.finish on a real core: the window's import is
// counted by the core from what each send became, and an id the core does not hold sends nothing.
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openCore, type Core } from '../../../../src/core/core'
import { dispatch } from '../../../../src/core/dispatch'
import { startSandbox, type RunningSandbox } from '../../../../src/core/sandbox'
import { importLineKey } from '../../../../src/shared/plausible/event-file'

const browser =
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.6 Safari/605.1.15'

let sandbox: RunningSandbox
let core: Core
let configDir: string

beforeEach(async () => {
  sandbox = await startSandbox({ port: 0 })
  configDir = mkdtempSync(join(tmpdir(), 'imports-'))
  core = await openCore({
    configDir,
    env: {
      PLAUSIBLE_API_KEY: sandbox.apiKey,
      PLAUSIBLE_BASE_URL: sandbox.baseUrl,
      PLAUSIBLE_SECRET_STORE: 'file',
    },
  })
})
afterEach(async () => {
  await core.close()
  await sandbox.close()
})

async function value<T>(name: string, input: unknown): Promise<T> {
  const wire = await dispatch(core.handlers, name as 'imports.list', input)
  if (!wire.ok) throw new Error(`${name}: ${wire.error.code} ${wire.error.message}`)
  return wire.value as T
}

const digest = '0123456789abcdef'
const start = () =>
  value<{ id: string }>('imports.start', {
    source: { name: 'events.ndjson', digest, format: 'ndjson' },
    linesRead: 3,
    refused: { 'url: scheme is not allowed': 1 },
  })
const sendLine = (importId: string, line: number) =>
  dispatch(core.handlers, 'events.send', {
    event: { name: 'Signup', url: `https://shop.example.com/line-${line}` },
    userAgent: browser,
    idempotencyKey: importLineKey(digest, line),
    importId,
  })

describe('the window’s import runs', () => {
  it('counts each line sent with the run’s id, and the same file again as repeats', async () => {
    const first = await start()
    for (const line of [1, 2]) expect((await sendLine(first.id, line)).ok).toBe(true)
    expect(await value('imports.finish', { id: first.id })).toMatchObject({
      id: first.id,
      account: 'env',
      linesRead: 3,
      accepted: 2,
      repeatsSkipped: 0,
      refused: { 'url: scheme is not allowed': 1 },
      names: { Signup: 2 },
      comparison: null,
    })

    const second = await start()
    for (const line of [1, 2]) expect((await sendLine(second.id, line)).ok).toBe(true)
    expect(await value('imports.finish', { id: second.id })).toMatchObject({
      accepted: 0,
      repeatsSkipped: 2,
      comparison: { previousId: first.id, counts: { repeatsSkipped: { before: 0, after: 2, change: 2 } } },
    })
    const { imports } = await value<{ imports: Array<{ id: string }> }>('imports.list', {})
    expect(imports.map((run) => run.id)).toEqual([second.id, first.id])
  })

  it('refuses an id the core holds no run for, and journals nothing', async () => {
    const wire = await sendLine('imp-20261207T090000000Z-abcdef', 1)
    expect(wire).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    expect(sandbox.events().received).toBe(0)
  })
})
