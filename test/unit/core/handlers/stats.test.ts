// stats.query through the core: the server's query rules run before the account, the key or the budget
// is looked at (issue 15), so a query the server would refuse costs nothing and gets the server's words.
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { openCore, type Core } from '../../../../src/core/core'
import { dispatch } from '../../../../src/core/dispatch'

const cores: Core[] = []
afterEach(async () => {
  for (const core of cores.splice(0)) await core.close()
})

/** A core with no account: anything that got as far as connecting would fail NO_ACCOUNT. */
async function accountlessCore(): Promise<Core> {
  const core = await openCore({
    configDir: mkdtempSync(join(tmpdir(), 'stats-query-')),
    env: { PLAUSIBLE_BASE_URL: 'https://plausible.example.org', PLAUSIBLE_SECRET_STORE: 'file' },
  })
  cores.push(core)
  return core
}

describe('stats.query', () => {
  it('refuses a query the server would refuse before connecting: QUERY_INVALID with its text and pointer', async () => {
    const core = await accountlessCore()
    const wire = await dispatch(core.handlers, 'stats.query', {
      query: { site_id: 'a.com', metrics: ['bounce_rate'], date_range: '7d', dimensions: ['event:name'] },
    })
    expect(wire).toEqual({
      ok: false,
      error: {
        code: 'QUERY_INVALID',
        message:
          'Session metric(s) `bounce_rate` cannot be queried along with event dimension(s) `event:name`',
        hint: expect.stringMatching(/^Fix #\/dimensions of the query; .*nothing was sent\.$/),
        details: {
          pointer: '#/dimensions',
          queryRule: 'metric.session_with_event_dimension',
          checkedLocally: true,
        },
      },
    })
  })

  it('refuses a body that is not even an object at the contract, and lets a valid query go on to connect', async () => {
    const core = await accountlessCore()
    expect(await dispatch(core.handlers, 'stats.query', { query: ['visitors'] })).toMatchObject({
      ok: false,
      error: { code: 'USAGE' },
    })
    // The rules accept it, so the core goes on to the account, and there is none here.
    expect(
      await dispatch(core.handlers, 'stats.query', {
        query: { site_id: 'a.com', metrics: ['visitors'], date_range: '7d' },
      }),
    ).toMatchObject({ ok: false, error: { code: 'NO_ACCOUNT' } })
  })
})
