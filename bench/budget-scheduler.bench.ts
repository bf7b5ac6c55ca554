// What the scheduler costs per request: one Stats API query sent bare (the client on the core's own HTTP
// fetch → sandbox) against the same query through the core at CLI priority (connector, the limiter lane, the usage.json ledger under
// its file lock, the request history, the read cache's bookkeeping). Every query is different, so the
// cache answers none. Both sides run in one process of their own, bundled as out/main is
// (test/fixtures/scheduler-cost.ts): under the test runner each call between modules pays for its module
// wrapper, and only the core's side would pay it. A sample is a batch of queries in a row, divided, so a
// timer's granularity does not decide the median; the two sides alternate (bench/goals.ts medianMs).
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, test } from 'vitest'
import { startSandbox, type RunningSandbox } from '../src/core/sandbox'
import { startFixture } from '../test/helpers/fixture-process'
import { recordGoal } from './goals'

const runs = 9
const queriesPerSample = 50
/** The goal: at most this much more than a bare request. */
const budgetMs = 1

let sandbox: RunningSandbox

beforeAll(async () => {
  sandbox = await startSandbox({ hourlyLimit: 1_000_000_000 })
})

afterAll(() => sandbox.close())

test('scheduler: one stats query through the core vs a bare request', async () => {
  const fixture = await startFixture('scheduler-cost', [
    sandbox.baseUrl,
    sandbox.apiKey,
    sandbox.sites[0]!.domain,
    mkdtempSync(join(tmpdir(), 'plausible-bench-scheduler-')),
    String(runs),
    String(queriesPerSample),
  ])
  const { subject, baseline, subjectCpu, baselineCpu } = await fixture.nextLine<{
    subject: number
    baseline: number
    subjectCpu: number
    baselineCpu: number
  }>()
  await fixture.stop()
  // CPU time moves less than wall time on a loaded machine: what the core itself spends per request.
  console.log(
    `scheduler: per query ${subject.toFixed(2)} ms through the core vs ${baseline.toFixed(2)} ms bare (median of ${runs} runs of ${queriesPerSample}); CPU ${subjectCpu.toFixed(2)} vs ${baselineCpu.toFixed(2)} ms, +${(subjectCpu - baselineCpu).toFixed(2)} ms`,
  )
  recordGoal({
    what: 'scheduler: one stats query through the core',
    subject: {
      label: 'stats.query at CLI priority (lane, usage.json ledger, history)',
      median: subject,
      runs,
    },
    baseline: { label: 'the same query sent bare (same HTTP client)', median: baseline, runs },
    unit: 'ms',
    goal: `≤ +${budgetMs} ms over a bare request`,
    met: subject - baseline <= budgetMs,
    ratio: `+${(subject - baseline).toFixed(1)} ms (${(subject / baseline).toFixed(1)}×)`,
  })
})
