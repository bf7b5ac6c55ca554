// Property test (issue 15): on a few thousand generated queries, valid and invalid, the local rules and the
// sandbox agree — the sandbox answers 400 exactly when the rules, given what it knows of the site, refuse,
// and with their text; whatever the client refuses without knowing the site, the sandbox refuses too, in
// the same words unless a rule that needs the site spoke first. The sandbox never fails (no 500).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startSandbox, type RunningSandbox } from '../../../src/core/sandbox'
import { sandboxGoals } from '../../../src/core/sandbox/goals'
import { checkV2Query, type QueryRulesContext, type RuleId } from '../../../src/shared/plausible/query-rules'
import { queryGenerator } from './query-generator'

const now = Date.parse('2026-11-23T14:30:00Z')
const shop = 'shop.example.com'
/** Its plan lacks custom properties in the cloud sandbox here. */
const noPropsSite = 'docs.example.net'
const perMode = 2000

/** Rules that need the site: the client leaves them to the server, which may name them before others. */
const siteRules = new Set<RuleId>([
  'filter.goal_not_configured',
  'segments.access',
  'feature.custom_props',
  'feature.revenue',
])

let cloud: RunningSandbox
let ce: RunningSandbox
beforeAll(async () => {
  ;[cloud, ce] = await Promise.all([
    startSandbox({ port: 0, clock: () => now, mode: 'cloud', hourlyLimit: 1_000_000 }),
    startSandbox({ port: 0, clock: () => now, mode: 'ce' }),
  ])
  cloud.setPlan(noPropsSite, { customProps: false })
})
afterAll(async () => {
  await Promise.all([cloud?.close(), ce?.close()])
})

async function ask(sandbox: RunningSandbox, body: unknown): Promise<{ status: number; error?: string }> {
  const response = await fetch(`${sandbox.baseUrl}/api/v2/query`, {
    method: 'POST',
    headers: { authorization: `Bearer ${sandbox.apiKey}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  })
  const json = (await response.json()) as { error?: string }
  return { status: response.status, ...(json.error !== undefined ? { error: json.error } : {}) }
}

interface Tally {
  accepted: number
  refused: number
  rules: Set<string>
}

async function runMode(mode: 'cloud' | 'ce', seed: number): Promise<Tally> {
  const sandbox = mode === 'cloud' ? cloud : ce
  const tally: Tally = { accepted: 0, refused: 0, rules: new Set() }
  const sites = mode === 'cloud' ? [shop, shop, shop, noPropsSite] : [shop]
  const generators = sites.map((site, index) => queryGenerator(seed + index, site))
  for (let i = 0; i < perMode; i++) {
    const body = generators[i % generators.length]!.query()
    const site: QueryRulesContext = {
      edition: mode,
      goals: sandboxGoals.map((goal) => goal.displayName),
      segments: [],
      features: { customProps: body.site_id !== noPropsSite, revenueGoals: false },
    }
    const known = checkV2Query(body, site)
    const client = checkV2Query(body)
    const answer = await ask(sandbox, body)
    const label = `${mode} #${i}: ${JSON.stringify(body)}`

    // With what the sandbox knows of the site, the rules decide exactly as it answers.
    expect(answer.status, label).toBe(known.ok ? 200 : 400)
    if (!known.ok) {
      expect(answer.error, label).toBe(known.refusal.message)
      tally.refused++
      tally.rules.add(known.refusal.rule)
    } else tally.accepted++

    // Without the site, the client never refuses what the server would answer, and speaks as it would.
    if (!client.ok) {
      expect(answer.status, label).toBe(400)
      // CE's schema has no revenue metrics (metrics, order_by); the client does not know the edition.
      const edition = mode === 'ce' && JSON.stringify(body).includes('_revenue')
      if (!known.ok && !siteRules.has(known.refusal.rule) && !edition)
        expect(client.refusal.message, label).toBe(answer.error)
    }
  }
  return tally
}

describe('the local rules and the sandbox agree', () => {
  for (const [mode, seed] of [
    ['cloud', 15_001],
    ['ce', 15_101],
  ] as const) {
    it(`on ${perMode} generated queries in ${mode} mode`, async () => {
      const tally = await runMode(mode, seed)
      // The generator reaches both answers and most rules, or the agreement would prove little.
      expect(tally.accepted).toBeGreaterThan(perMode / 10)
      expect(tally.refused).toBeGreaterThan(perMode / 3)
      expect(tally.rules.size).toBeGreaterThanOrEqual(mode === 'cloud' ? 20 : 17)
    }, 300_000)
  }
})
