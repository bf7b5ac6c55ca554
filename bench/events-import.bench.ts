// `plausible events import` of 2,000 events against a bare 8-way loop of fetch POSTs to /api/event, both
// against one `plausible sandbox` running in its own process (so neither side shares an event loop with
// the server), both cold processes reading the same file: the goal is at least 0.8× the bare loop's
// speed. Each import starts with a fresh config folder, so its journal is empty; every run must deliver
// all 2,000 events, or the benchmark fails instead of timing a shortcut.
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, test } from 'vitest'
import { startCli } from '../test/helpers/spawn-cli'
import { medianMs, recordGoal } from './goals'
import { cli, requireBuiltCli, runNode } from './node-process'

const eventCount = 2_000
const runs = 7
const browser = 'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0'

/** The baseline: what a script that only POSTs the file's lines, 8 at a time, takes. */
const bareLoop = `
const [file, baseUrl, userAgent] = process.argv.slice(1)
const lines = require('node:fs').readFileSync(file, 'utf8').split('\\n').filter((line) => line.trim() !== '')
let next = 0
async function worker() {
  while (next < lines.length) {
    const response = await fetch(baseUrl + '/api/event', {
      method: 'POST',
      body: lines[next++],
      headers: { 'content-type': 'application/json', 'user-agent': userAgent },
    })
    if (response.status !== 202) throw new Error('HTTP ' + response.status)
    await response.text()
  }
}
Promise.all(Array.from({ length: 8 }, worker)).catch((error) => {
  console.error(error)
  process.exit(1)
})
`

let sandbox: Awaited<ReturnType<typeof startCli<{ baseUrl: string; apiKey: string }>>>
let dir = ''
let file = ''

beforeAll(async () => {
  requireBuiltCli()
  sandbox = await startCli(['sandbox', '--port', '0', '--mode', 'ce', '--json'])
  dir = mkdtempSync(join(tmpdir(), 'plausible-bench-import-'))
  file = join(dir, 'events.ndjson')
  writeFileSync(
    file,
    Array.from({ length: eventCount }, (_, index) =>
      JSON.stringify({ name: 'pageview', url: `https://shop.example.com/bench/${index + 1}` }),
    ).join('\n'),
  )
})

afterAll(() => sandbox?.stop())

test('events import: 2,000 events against a bare 8-way fetch loop', async () => {
  const { baseUrl, apiKey } = sandbox.first
  const importOnce = async (): Promise<void> => {
    const out = await runNode([cli, 'events', 'import', file, '--user-agent', browser, '--json'], {
      PLAUSIBLE_CONFIG_DIR: mkdtempSync(join(dir, 'config-')),
      PLAUSIBLE_BASE_URL: baseUrl,
      PLAUSIBLE_API_KEY: apiKey,
      PLAUSIBLE_NO_APP: '1',
    })
    const summary = JSON.parse(out) as { delivered: number; failed: number }
    if (summary.delivered !== eventCount || summary.failed !== 0)
      throw new Error(`the import delivered ${summary.delivered} of ${eventCount} events: ${out}`)
  }
  const times = await medianMs(runs, {
    subject: importOnce,
    baseline: () => runNode(['-e', bareLoop, file, baseUrl, browser]),
  })
  const ratio = times.baseline! / times.subject
  recordGoal({
    what: 'events import: 2,000 events',
    subject: { label: 'plausible events import', median: times.subject, runs },
    baseline: { label: 'bare 8-way fetch loop', median: times.baseline!, runs },
    unit: 'ms',
    goal: '≥ 0.8× a bare 8-way fetch loop',
    met: ratio >= 0.8,
    ratio: `${ratio.toFixed(2)}×`,
  })
})
