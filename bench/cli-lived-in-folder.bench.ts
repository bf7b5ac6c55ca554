// A command in a config folder that has been lived in costs what it costs in a fresh one. Two things there
// once scaled with how much the app had done: an import leaves one done file per event in the journal for
// a day, and a prune looked at every one of them on every start (after 5,000 events, `stats aggregate` took
// 700 ms instead of 150 ms); and the tray's day of realtime history for a few pinned sites (tens of KB of
// samples) was read and checked by every command that opened the core, tens of ms each. Both sides are the
// same cold `plausible stats aggregate --json` against one sandbox, alternately: one with a lived-in folder
// (a 5,000-event import's journal with no prune on record, so one would be due; glance.json with 5 pins and
// their day of realtime history, written as the tray writes them), one with a fresh folder. The goal is at
// most 1.15× (the two differ by noise alone when nothing scales with the folder).
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, test } from 'vitest'
import { startSandbox, type RunningSandbox } from '../src/core/sandbox'
import { openGlance } from '../src/core/glance/glance'
import { prunedAtFileName } from '../src/core/queue/journal'
import { medianMs, recordGoal } from './goals'
import { cli, requireBuiltCli, runNode } from './node-process'

const site = 'shop.example.com'
const eventCount = 5_000
const pinnedSites = 5
/** The tray samples a pinned site's realtime visitors about this often. */
const sampleEveryMs = 15_000
const runs = 9
/** The goal: at most this many times the fresh folder's time. */
const maxRatio = 1.15
let sandbox: RunningSandbox
let livedIn: string
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
  livedIn = mkdtempSync(join(tmpdir(), 'plausible-bench-lived-in-'))
  fresh = mkdtempSync(join(tmpdir(), 'plausible-bench-fresh-'))
  const file = join(livedIn, 'events.ndjson')
  const lines = Array.from({ length: eventCount }, (_, index) =>
    JSON.stringify({ name: 'pageview', url: `https://${site}/after-import/${index}`, domain: site }),
  )
  writeFileSync(file, `${lines.join('\n')}\n`)
  const summary = JSON.parse(await run(livedIn, ['events', 'import', file, '--json'])) as {
    delivered: number
  }
  const done = readdirSync(join(livedIn, 'queue', 'done')).length
  // The subject must really carry the import's journal, or this measures nothing.
  if (summary.delivered !== eventCount || done < eventCount)
    throw new Error(
      `the import delivered ${summary.delivered} and left ${done} done files, not ${eventCount}`,
    )
  rmSync(join(livedIn, 'queue', prunedAtFileName), { force: true })
  await writeTraysDay(livedIn)
}, 120_000)

/** glance.json with pinned sites and a day of their realtime history, through the stores the tray uses. */
async function writeTraysDay(configDir: string): Promise<void> {
  const now = Date.now()
  const glance = openGlance({ configDir, now: () => now })
  const pins = Array.from({ length: pinnedSites }, (_, index) => ({
    account: 'default',
    site: `site-${index}.example.com`,
  }))
  await glance.settings.setPins(pins)
  for (let at = now - 24 * 3_600_000; at <= now; at += sampleEveryMs)
    for (const [index, pin] of pins.entries())
      glance.history.record(pin.account, pin.site, 10 + ((Math.floor(at / sampleEveryMs) + index) % 40), at)
  await glance.close()
  const history = readFileSync(join(configDir, 'realtime-history.json'), 'utf8')
  if (history.length < 10_000) throw new Error(`the tray's history holds only ${history.length} characters`)
}

afterAll(async () => {
  await sandbox.close()
  for (const dir of [livedIn, fresh]) rmSync(dir, { recursive: true, force: true })
})

const aggregate = ['stats', 'aggregate', '--site', site, '--period', '30d', '--json']

test('stats aggregate in a lived-in config folder vs a fresh one', async () => {
  const times = await medianMs(runs, {
    subject: () => run(livedIn, aggregate),
    baseline: () => run(fresh, aggregate),
  })
  const after = times.subject
  const before = times.baseline!
  recordGoal({
    what: 'stats aggregate --json in a lived-in config folder',
    subject: {
      label: `after a ${eventCount.toLocaleString('en')}-event import (its journal) and the tray’s day of realtime history for ${pinnedSites} sites`,
      median: after,
      runs,
    },
    baseline: { label: 'on a fresh config folder', median: before, runs },
    unit: 'ms',
    goal: `≤ ${maxRatio}× a fresh config folder`,
    met: after / before <= maxRatio,
    ratio: `${(after / before).toFixed(2)}×`,
  })
})
