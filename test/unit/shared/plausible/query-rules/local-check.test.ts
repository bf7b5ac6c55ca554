// The local check the client, the core and the CLI run before a request: QUERY_INVALID with the server's
// text as the message, the pointer and the rule as details, and a hint that says where and that nothing left.
import { describe, expect, it } from 'vitest'
import { PlausibleError } from '../../../../../src/shared/errors'
import { assertQueryAccepted } from '../../../../../src/shared/plausible/query-rules/local-check'

function refusedBy(query: unknown, source?: string): PlausibleError {
  try {
    assertQueryAccepted(query, {}, source ? { source } : {})
  } catch (error) {
    if (error instanceof PlausibleError) return error
    throw error
  }
  throw new Error('expected a refusal')
}

describe('assertQueryAccepted', () => {
  it('answers a body without site_id as the API plug does, before the parser (authorize_public_api.ex)', () => {
    const error = refusedBy({ metrics: ['visitors'], date_range: '7d' })
    expect([error.code, error.message, error.details]).toEqual([
      'QUERY_INVALID',
      'Missing site ID. Please provide the required site_id parameter with your request.',
      { pointer: '#/site_id', queryRule: 'request.site_id', checkedLocally: true },
    ])
  })

  it('lets a body without site_id through when asked: the server answers it before parsing (the key check)', () => {
    expect(() =>
      assertQueryAccepted({ metrics: ['visitors'], date_range: 'day' }, {}, { missingSiteIdToServer: true }),
    ).not.toThrow()
    // Whatever else is wrong with it is the server's to say after the missing site ID, so it is not judged here.
    expect(() =>
      assertQueryAccepted({ metrics: ['baa'], date_range: 'day' }, {}, { missingSiteIdToServer: true }),
    ).not.toThrow()
  })

  it('names where the fault is and where the query came from, in the hint only', () => {
    const error = refusedBy({ site_id: 'a.com', metrics: ['visitors'], date_range: 'fortnight' }, 'q.json')
    expect(error.message).toBe('#/date_range: Invalid date range "fortnight"')
    expect(error.hint).toBe(
      "Fix #/date_range of the query in q.json; `plausible stats --help` lists the metrics, dimensions and filters and which go together. Refused here by the server's own rules: nothing was sent.",
    )
    expect(refusedBy('visitors').hint).toMatch(/^Fix the query; /)
  })

  it('lets an accepted query through', () => {
    expect(() =>
      assertQueryAccepted({ site_id: 'a.com', metrics: ['visitors'], date_range: '7d' }),
    ).not.toThrow()
  })
})
