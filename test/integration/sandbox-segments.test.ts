// Saved segments in the sandbox, with the real server's semantics: a v2 query runs a segment of its site as
// the segment's own filters (any type, any owner), refuses a segment of another site or none, and the
// dashboard's segment routes answer an API key as a request without a browser session.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startSandbox, type RunningSandbox } from '../../src/core/sandbox'
import { noSessionMessage } from '../../src/core/sandbox/routes/segments'

const now = Date.parse('2026-11-23T14:30:00Z')
let cloud: RunningSandbox
let ce: RunningSandbox
const shop = 'shop.example.com'
const range = ['2026-10-01', '2026-11-22']
const inaccessible = "Invalid filters. Some segments don't exist or aren't accessible."

beforeAll(async () => {
  cloud = await startSandbox({ port: 0, clock: () => now })
  ce = await startSandbox({ port: 0, clock: () => now, mode: 'ce' })
})
afterAll(async () => {
  await cloud.close()
  await ce.close()
})

async function post(target: RunningSandbox, path: string, body: unknown, method = 'POST') {
  const response = await fetch(`${target.baseUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${target.apiKey}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  })
  return { status: response.status, body: (await response.json()) as Record<string, unknown> }
}

type Rows = Array<{ metrics: number[]; dimensions: Array<string | number> }>

async function rows(filters: unknown[], dimensions: string[] = []): Promise<Rows> {
  const answer = await post(cloud, '/api/v2/query', {
    site_id: shop,
    metrics: ['visitors', 'visits', 'pageviews'],
    date_range: range,
    dimensions,
    filters,
  })
  expect(answer.status, JSON.stringify(answer.body)).toBe(200)
  return answer.body.results as Rows
}

describe('sandbox segments in v2 queries', () => {
  it('runs a site segment as its filters', async () => {
    const bySegment = await rows([['is', 'segment', [11]]], ['visit:source'])
    expect(bySegment.length).toBeGreaterThan(0)
    expect(bySegment).toEqual(await rows([['is', 'visit:country', ['DE']]], ['visit:source']))
  })

  it('runs a colleague’s personal segment too: the server matches site and id only', async () => {
    const bySegment = await rows([['is', 'segment', [12]]])
    expect(bySegment[0]!.metrics[0]).toBeGreaterThan(0)
    expect(bySegment).toEqual(
      await rows([
        ['is', 'visit:channel', ['Organic Search']],
        ['is', 'visit:device', ['Mobile']],
      ]),
    )
  })

  it('runs a segment holding a behavioural filter, and several ids as an OR of their filters', async () => {
    expect(await rows([['is', 'segment', [13]]])).toEqual(
      await rows([['has_not_done', ['is', 'event:goal', ['Signup']]]]),
    )
    expect(await rows([['is', 'segment', [11, 12]]])).toEqual(
      await rows([
        [
          'or',
          [
            ['is', 'visit:country', ['DE']],
            [
              'and',
              [
                ['is', 'visit:channel', ['Organic Search']],
                ['is', 'visit:device', ['Mobile']],
              ],
            ],
          ],
        ],
      ]),
    )
  })

  it('refuses a segment of another site and an id no segment has, with the server’s words', async () => {
    for (const id of [21, 99]) {
      expect(
        await post(cloud, '/api/v2/query', {
          site_id: shop,
          metrics: ['visitors'],
          date_range: range,
          filters: [['is', 'segment', [id]]],
        }),
      ).toEqual({ status: 400, body: { error: inaccessible } })
    }
  })
})

describe('sandbox segment routes (browser session only)', () => {
  it('answer create, edit and delete with an API key as the server answers a request without a session', async () => {
    for (const target of [cloud, ce]) {
      const segment = {
        name: 'Mine',
        type: 'personal',
        segment_data: { filters: [['is', 'visit:country', ['DE']]] },
      }
      expect(await post(target, `/api/${shop}/segments`, segment)).toEqual({
        status: 404,
        body: { error: noSessionMessage },
      })
      expect(await post(target, `/api/${shop}/segments/11`, { name: 'Renamed' }, 'PATCH')).toEqual({
        status: 404,
        body: { error: noSessionMessage },
      })
      expect(await post(target, `/api/${shop}/segments/12`, {}, 'DELETE')).toEqual({
        status: 404,
        body: { error: noSessionMessage },
      })
    }
    // Nothing changed: the segment still applies under its old definition.
    expect(await rows([['is', 'segment', [11]]])).toEqual(await rows([['is', 'visit:country', ['DE']]]))
  })
})

describe('sandbox "has not done" a goal', () => {
  it('splits the visits: those that did the goal and those that did not add up to all of them', async () => {
    const [all] = await rows([])
    const [did] = await rows([['has_done', ['is', 'event:goal', ['Signup']]]])
    const [didNot] = await rows([['has_not_done', ['is', 'event:goal', ['Signup']]]])
    expect(did!.metrics[1]! + didNot!.metrics[1]!).toBe(all!.metrics[1])
    expect(did!.metrics[2]! + didNot!.metrics[2]!).toBe(all!.metrics[2])
    expect(did!.metrics[1]).toBeGreaterThan(0)
    expect(didNot!.metrics[1]).toBeGreaterThan(0)
  })

  it('refuses a goal the site does not have and a visit dimension, in the server’s words', async () => {
    const refusal = async (filter: unknown) =>
      post(cloud, '/api/v2/query', {
        site_id: shop,
        metrics: ['visitors'],
        date_range: range,
        filters: [filter],
      })
    expect(await refusal(['has_not_done', ['is', 'event:goal', ['Nope']]])).toEqual({
      status: 400,
      body: {
        error:
          'Invalid filters. The goal `Nope` is not configured for this site. Find out how to configure goals here: https://plausible.io/docs/stats-api#filtering-by-goals',
      },
    })
    expect(await refusal(['has_not_done', ['is', 'visit:country', ['DE']]])).toEqual({
      status: 400,
      body: {
        error:
          'Invalid filters. Behavioral filters (has_done, has_not_done) can only be used with event dimension filters.',
      },
    })
  })
})
