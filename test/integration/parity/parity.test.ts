// Done-when suite of issue 3: every row of the table asked both ways — through the client, and as raw HTTP —
// against the sandbox, each checked against plausible-api.md's shapes and texts.
import { afterAll, beforeAll, describe, it } from 'vitest'
import { statsCases } from './cases'
import { eventRuleCases } from './cases-event-rules'
import { metaParityCases } from './cases-meta'
import { queryRuleCases } from './cases-query-rules'
import { sitesEventsCases } from './cases-sites-events'
import {
  checkClient,
  checkHttp,
  clientFor,
  raw,
  startWorld,
  type Context,
  type ParityCase,
  type World,
} from './harness'

const cases: ParityCase[] = [
  ...statsCases,
  ...sitesEventsCases,
  ...queryRuleCases,
  ...metaParityCases,
  ...eventRuleCases,
]

let world: World
beforeAll(async () => {
  world = await startWorld()
})
afterAll(() => world?.close())

function contextFor(row: ParityCase, run: Context['run']): Context {
  return {
    sandbox: world.sandboxes[row.sandbox ?? 'cloud'],
    site: 'shop.example.com',
    planSite: 'docs.example.net',
    run,
  }
}

async function around(row: ParityCase, context: Context, body: () => Promise<void>): Promise<void> {
  await row.before?.(context)
  try {
    await body()
  } finally {
    await row.after?.(context)
  }
}

for (const group of ['v2', 'auth', 'v1', 'sites', 'events', 'ce'] as const) {
  describe(group, () => {
    for (const row of cases.filter((candidate) => candidate.group === group)) {
      describe(row.name, () => {
        it('raw HTTP', async () => {
          const context = contextFor(row, 'http')
          await around(row, context, async () => {
            const request = typeof row.http === 'function' ? row.http(context) : row.http
            checkHttp(await raw(context.sandbox, row.key ?? 'demo', request), row.expectHttp, context)
          })
        })
        it('client', async () => {
          const context = contextFor(row, 'client')
          await around(row, context, () =>
            checkClient(
              () => row.client(clientFor(context.sandbox, row.key ?? 'demo'), context),
              row.expectClient,
              context,
            ),
          )
        })
      })
    }
  })
}

describe('the table', () => {
  it('holds at least 60 request/response cases', async () => {
    const { expect } = await import('vitest')
    expect(cases.length).toBeGreaterThanOrEqual(60)
    expect(new Set(cases.map((row) => row.name)).size).toBe(cases.length)
  })
})
