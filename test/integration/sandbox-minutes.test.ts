// What the realtime graph asks of the sandbox, answered as the public v2 API answers it: `time:minute` and
// the `30m`/`realtime` ranges refused with the server's texts, `time` over half an hour resolved to hours,
// and one-minute datetime ranges that hold their last second and nothing of the next minute.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { startSandbox, type RunningSandbox } from '../../src/core/sandbox'
import { minuteBuckets, minuteQuery, realtimeWindowRange } from '../../src/shared/stats/realtime-minutes'

const start = Date.parse('2026-12-07T10:15:37Z')
let now = start
let sandbox: RunningSandbox
const site = 'minutes.example.com'
const browser =
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.6 Safari/605.1.15'

beforeEach(async () => {
  now = start
  sandbox = await startSandbox({ port: 0, clock: () => now })
  const created = await fetch(`${sandbox.baseUrl}/api/v1/sites`, {
    method: 'POST',
    headers: { authorization: `Bearer ${sandbox.apiKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({ domain: site, timezone: 'Europe/Berlin' }),
  })
  expect(created.status).toBe(200)
})
afterEach(() => sandbox.close())

interface Answer {
  results: Array<{ metrics: number[]; dimensions: unknown[] }>
  meta: { time_labels?: string[] }
  query: { date_range: [string, string]; dimensions: string[] }
  error?: string
}

async function query(body: Record<string, unknown>): Promise<{ status: number; body: Answer }> {
  const response = await fetch(`${sandbox.baseUrl}/api/v2/query`, {
    method: 'POST',
    headers: { authorization: `Bearer ${sandbox.apiKey}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  })
  return { status: response.status, body: (await response.json()) as Answer }
}

/** A pageview at `at`, from its own visitor (each IP is a visitor). */
async function pageviewAt(at: number, ip: string): Promise<void> {
  const previous = now
  now = at
  try {
    const response = await fetch(`${sandbox.baseUrl}/api/event`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': browser, 'x-forwarded-for': ip },
      body: JSON.stringify({ name: 'pageview', url: `https://${site}/`, domain: site }),
    })
    expect(response.status).toBe(202)
  } finally {
    now = previous
  }
}

describe('what the public API refuses for minutes', () => {
  it('refuses the time:minute dimension with the schema’s text', async () => {
    expect(
      await query({ site_id: site, metrics: ['visitors'], date_range: 'day', dimensions: ['time:minute'] }),
    ).toEqual({ status: 400, body: { error: '#/dimensions/0: Invalid dimension "time:minute"' } })
  })

  it('refuses the internal 30m and realtime ranges', async () => {
    for (const range of ['30m', 'realtime'])
      expect(await query({ site_id: site, metrics: ['visitors'], date_range: range })).toEqual({
        status: 400,
        body: { error: `#/date_range: Invalid date range "${range}"` },
      })
  })

  it('resolves `time` over the last half hour to hour buckets, never minutes', async () => {
    const answer = await query({
      site_id: site,
      metrics: ['visitors'],
      date_range: realtimeWindowRange('Europe/Berlin', now),
      dimensions: ['time'],
      include: { time_labels: true },
    })
    expect(answer.status).toBe(200)
    expect(answer.body.query.dimensions).toEqual(['time:hour'])
    expect(answer.body.meta.time_labels).toEqual(['2026-12-07 10:00:00', '2026-12-07 11:00:00'])
  })
})

describe('one minute per request', () => {
  it('counts an event in its minute up to the minute’s last second, and not in the next', async () => {
    const buckets = minuteBuckets('Europe/Berlin', now)
    const minute = buckets[27]!
    // 11:13:00 and 11:13:59 Berlin fall in minute 27; 11:14:00 in minute 28 (buckets are 10:46 … 11:15).
    await pageviewAt(minute.start, '203.0.113.1')
    await pageviewAt(minute.start + 59_000, '203.0.113.2')
    await pageviewAt(minute.start + 60_000, '203.0.113.3')
    const ask = async (index: number) =>
      (await query(minuteQuery(site, buckets[index]!) as unknown as Record<string, unknown>)).body
    const at27 = await ask(27)
    expect(at27.query.date_range).toEqual(['2026-12-07T11:13:00+01:00', '2026-12-07T11:13:59+01:00'])
    expect(at27.results).toEqual([{ metrics: [2, 2], dimensions: [] }])
    expect((await ask(28)).results).toEqual([{ metrics: [1, 1], dimensions: [] }])
    expect((await ask(26)).results).toEqual([{ metrics: [0, 0], dimensions: [] }])
  })

  it('adds up, minute by minute, to the half hour’s pageviews', async () => {
    const buckets = minuteBuckets('Europe/Berlin', now)
    for (const [index, offset] of [
      [0, 0],
      [5, 30_000],
      [5, 31_000],
      [29, 20_000],
      [29, 40_000],
    ] as const)
      await pageviewAt(buckets[index]!.start + offset, `198.51.100.${index * 10 + offset / 1000}`)
    let sum = 0
    for (const bucket of buckets) {
      const answer = await query(minuteQuery(site, bucket) as unknown as Record<string, unknown>)
      sum += answer.body.results[0]!.metrics[1]!
    }
    // The running minute is asked up to the tick (11:15:30): its 11:15:40 pageview is the next refresh's.
    const window = await query({
      site_id: site,
      metrics: ['pageviews'],
      date_range: realtimeWindowRange('Europe/Berlin', now),
    })
    expect(window.body.results[0]!.metrics[0]).toBe(4)
    expect(sum).toBe(4)
  })
})
