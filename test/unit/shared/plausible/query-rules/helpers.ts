// What the query-rules tests share: a base query like the server tests' and one-line verdicts.
import { expect } from 'vitest'
import {
  checkV2Query,
  type QueryRefusal,
  type QueryRulesContext,
} from '../../../../../src/shared/plausible/query-rules'

/** The server tests' base query: `site_id`, `metrics: ["visitors"]`, `date_range: "all"`. */
export const base = { site_id: 'example.com', metrics: ['visitors'], date_range: 'all' }

export function refusalOf(body: Record<string, unknown>, context: QueryRulesContext = {}): QueryRefusal {
  const result = checkV2Query({ ...base, ...body }, context)
  if (result.ok) throw new Error(`expected a refusal for ${JSON.stringify(body)}`)
  return result.refusal
}

export const messageOf = (body: Record<string, unknown>, context: QueryRulesContext = {}): string =>
  refusalOf(body, context).message

export function expectAccepted(body: Record<string, unknown>, context: QueryRulesContext = {}): void {
  const result = checkV2Query({ ...base, ...body }, context)
  expect(result.ok ? 'accepted' : result.refusal.message).toBe('accepted')
}
