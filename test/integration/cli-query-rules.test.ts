// Issue 15 item 6: the CLI runs the server's query rules before a request is spent. The sandbox allows one
// request an hour here, so a refused query that had been sent would leave the next, valid one a 429.
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { useCliSandbox, type CliSandbox } from '../helpers/cli-sandbox'
import { runCli } from '../helpers/spawn-cli'

const now = '2026-11-23T14:30:00Z'
const site = 'shop.example.com'
const valid = JSON.stringify({ site_id: site, metrics: ['visitors'], date_range: '7d' })

/** A sandbox of its own for the describe block it is called in, allowing one request an hour. */
const oneRequestSandbox = (): CliSandbox =>
  useCliSandbox({ hourlyLimit: 1, clock: () => Date.parse(now) }, { PLAUSIBLE_FROZEN_TIME: now })

/** The one request this hour is still unspent: a valid query goes through. */
async function expectRequestUnspent(world: CliSandbox): Promise<void> {
  const ok = await runCli(['stats', 'query', '--json'], world.env, valid)
  expect(ok.code, ok.stderr).toBe(0)
}

describe('plausible stats query, a refused query from stdin', () => {
  const world = oneRequestSandbox()

  it('refuses a query the server would refuse in its words, naming where, and sends nothing', async () => {
    const bad = await runCli(
      ['stats', 'query'],
      world.env,
      JSON.stringify({
        site_id: site,
        metrics: ['visitors'],
        date_range: '7d',
        filters: [
          [
            'or',
            [
              ['is', 'event:goal', ['Signup']],
              ['is', 'event:page', ['/']],
            ],
          ],
        ],
      }),
    )
    expect(bad.code).toBe(2)
    expect(bad.stderr.split('\n').slice(0, 2)).toEqual([
      'error: Invalid filters. Dimension `event:goal` can only be filtered at the top level.',
      "hint: Fix #/filters/0/1/0 of the query in stdin; `plausible stats --help` lists the metrics, dimensions and filters and which go together. Refused here by the server's own rules: nothing was sent.",
    ])
    await expectRequestUnspent(world)
  })
})

describe('plausible stats query --file --json, a refused query', () => {
  const world = oneRequestSandbox()

  it('answers --json with the QUERY_INVALID envelope: the server text, the pointer apart', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'query-rules-')), 'query.json')
    writeFileSync(file, JSON.stringify({ site_id: site, metrics: ['visitors'], date_range: '0d' }))
    const bad = await runCli(['stats', 'query', '--file', file, '--json'], world.env)
    expect(bad.code).toBe(2)
    expect(JSON.parse(bad.stderr)).toMatchObject({
      error: {
        code: 'QUERY_INVALID',
        message: 'Invalid date_range "0d"',
        details: { pointer: '#/date_range', queryRule: 'date_range.shorthand', checkedLocally: true },
      },
    })
    await expectRequestUnspent(world)
  })
})

describe('plausible stats breakdown', () => {
  const world = oneRequestSandbox()

  it('refuses a metric the dimension does not go with before sending, --dry-run included', async () => {
    const args = [
      'stats',
      'breakdown',
      '--site',
      site,
      '--dimension',
      'event:name',
      '--metric',
      'bounce_rate',
    ]
    const message =
      'error: Session metric(s) `bounce_rate` cannot be queried along with event dimension(s) `event:name`'
    const bad = await runCli(args, world.env)
    expect([bad.code, bad.stderr.split('\n')[0]]).toEqual([2, message])
    const dry = await runCli([...args, '--dry-run'], world.env)
    expect([dry.code, dry.stderr.split('\n')[0], dry.stdout]).toEqual([2, message, ''])
    await expectRequestUnspent(world)
  })
})
