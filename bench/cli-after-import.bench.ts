// A command after an import costs what it costs on a fresh config folder. An import leaves one done file
// per event in the journal for a day; a prune looks at every one of them, and short commands used to
// prune on every start: after 5,000 events, `stats aggregate` took 700 ms instead of 150 ms for a day.
// Both sides are the same cold `plausible stats aggregate --json` against one sandbox, alternately: one
// with the config folder of a 5,000-event import (no prune on record, so one would be due), one with a
// fresh folder. The goal is at most 1.15× (the two differ by noise alone when nothing scales with the
// journal).
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, test } from 'vitest'
import { startSandbox, type RunningSandbox } from '../src/core/sandbox'
import { prunedAtFileName } from '../src/core/queue/journal'
import { medianMs, recordGoal } from './goals'
import { cli, requireBuiltCli, runNode } from './node-process'

const site = 'shop.example.com'
const eventCount = 5_000
const runs = 9
/** The goal: at most this many times the fresh folder's time. */
const maxRatio = 1.15
let sandbox: RunningSandbox
let imported: string
let fresh: string

/** The CLI on `configDir`, against the sandbox with its key, never through a running app. */
const run = (configDir: string, args: string[]): Promise<string> =>
  runNode([cli, ...args], {
    PLAUSIBLE_CONFIG_DIR: configDir,
    PLAUSIBLE_BASE_URL: sandbox.baseUrl,
    PLAUSIBLE_API_KEY: sandbox.apiKey,
    PLAUSIBLE_HOURLY_LIMIT: '1000000',
    PLAUSIBLE_NO_APP: '1',
  })

beforeAll(async () => {
  requireBuiltCli()
  sandbox = await startSandbox({ port: 0, hourlyLimit: 1_000_000 })
  imported = mkdtempSync(join(tmpdir(), 'plausible-bench-imported-'))
  fresh = mkdtempSync(join(tmpdir(), 'plausible-bench-fresh-'))
  const file = join(imported, 'events.ndjson')
  const lines = Array.from({ length: eventCount }, (_, index) =>
    JSON.stringify({ name: 'pageview', url: `https://${site}/after-import/${index}`, domain: site }),
  )
  writeFileSync(file, `${lines.join('\n')}\n`)
  const summary = JSON.parse(await run(imported, ['events', 'import', file, '--json'])) as {
    delivered: number
  }
  const done = readdirSync(join(imported, 'queue', 'done')).length
  // The subject must really carry the import's journal, or this measures nothing.
  if (summary.delivered !== eventCount || done < eventCount)
    throw new Error(
      `the import delivered ${summary.delivered} and left ${done} done files, not ${eventCount}`,
    )
  rmSync(join(imported, 'queue', prunedAtFileName), { force: true })
}, 120_000)

afterAll(async () => {
  await sandbox.close()
  for (const dir of [imported, fresh]) rmSync(dir, { recursive: true, force: true })
})

const aggregate = ['stats', 'aggregate', '--site', site, '--period', '30d', '--json']

test('stats aggregate after a 5,000-event import vs on a fresh config folder', async () => {
  const times = await medianMs(runs, {
    subject: () => run(imported, aggregate),
    baseline: () => run(fresh, aggregate),
  })
  const after = times.subject
  const before = times.baseline!
  recordGoal({
    what: 'stats aggregate --json after a 5,000-event import',
    subject: { label: 'with the import’s journal (5,000 done files)', median: after, runs },
    baseline: { label: 'on a fresh config folder', median: before, runs },
    unit: 'ms',
    goal: `≤ ${maxRatio}× a fresh config folder`,
    met: after / before <= maxRatio,
    ratio: `${(after / before).toFixed(2)}×`,
  })
})
