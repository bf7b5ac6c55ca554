import { describe, expect, it } from 'vitest'
import { sandboxGoals } from '../../../../src/core/sandbox/goals'
import { cleanDomain, createRegistry, isIanaTimeZone } from '../../../../src/core/sandbox/registry'
import { defaultSites } from '../../../../src/core/sandbox/sites'

const duplicate =
  "domain: This domain cannot be registered. Perhaps one of your colleagues registered it? If that's not the case, please contact support@plausible.io\n"

function registry(siteLimit = 50) {
  return createRegistry({
    seed: 42,
    profiles: defaultSites,
    firstDay: () => 20_000,
    seededGoals: sandboxGoals,
    seededProps: ['method', 'plan'],
    siteLimit,
    clock: () => Date.parse('2026-11-23T14:30:00Z'),
  })
}
const errorOf = (outcome: { ok: boolean; status?: number; error?: string }) =>
  outcome.ok ? null : [outcome.status, outcome.error]

describe('site registry', () => {
  it('lists the seeded sites newest first in the data set order, each with goals and props', () => {
    const sites = registry().sites()
    expect(sites.map((site) => site.domain)).toEqual([
      'shop.example.com',
      'blog.example.org',
      'docs.example.net',
    ])
    expect(sites[0]!.goals.map((goal) => goal.displayName).reverse()).toEqual(['Signup', 'Visit /pricing'])
    expect(sites[0]!.customProps).toEqual(['method', 'plan'])
    expect(sites[0]!.tracker.id).toMatch(/^pa-[a-z0-9]{24}$/)
  })

  it('cleans domains and accepts only case-correct tz database names', () => {
    expect(cleanDomain(' HTTPS://www.Example.com/ ')).toBe('example.com')
    expect(isIanaTimeZone('Europe/Tallinn')).toBe(true)
    expect(isIanaTimeZone('Etc/UTC')).toBe(true)
    expect(isIanaTimeZone('America/Argentina/Buenos_Aires')).toBe(true)
    expect(isIanaTimeZone('europe/berlin')).toBe(false)
    expect(isIanaTimeZone('+01:00')).toBe(false)
    expect(isIanaTimeZone('d')).toBe(false)
  })

  it('creates a site with Etc/UTC by default and reports the last failed check first, like Ecto', () => {
    const sites = registry()
    const created = sites.create({ domain: 'new.example.com' })
    expect(created.ok && created.value.timezone).toBe('Etc/UTC')
    expect(created.ok && created.value.id).toBe(4)
    expect(errorOf(sites.create({}))).toEqual([400, "domain: can't be blank"])
    expect(errorOf(sites.create({ domain: 'x.test', timezone: 'd' }))).toEqual([400, 'timezone: is invalid'])
    expect(errorOf(sites.create({ domain: 'h&llo.test' }))).toEqual([
      400,
      "domain: must not contain URI reserved characters :?#[]@!$&'()*+,;=",
    ])
    expect(errorOf(sites.create({ domain: 'a b.test' }))).toEqual([
      400,
      'domain: only letters, numbers, slashes and period allowed',
    ])
    expect(errorOf(sites.create({ domain: 'www.shop.example.com' }))).toEqual([400, duplicate])
    expect(
      errorOf(sites.create({ domain: 'y.test', tracker: { installation_type: 'x', track_404_pages: 'x' } })),
    ).toEqual([400, 'tracker_script_configuration.installation_type: is invalid'])
  })

  it('answers 402 once the site limit is reached', () => {
    expect(errorOf(registry(3).create({ domain: 'four.test' }))).toEqual([
      402,
      'Your account has reached the limit of 3 sites. To unlock more sites, please upgrade your subscription.',
    ])
  })

  it('merges tracker updates and keeps the old domain working after a change', () => {
    const sites = registry()
    const shop = sites.find('shop.example.com')!
    expect(errorOf(sites.update(shop, {}))).toEqual([
      400,
      "Payload must contain at least one of the parameters 'domain', 'tracker_script_configuration'",
    ])
    expect(errorOf(sites.update(shop, { domain: 'shop.example.com' }))).toEqual([
      400,
      'domain: New domain must be different than the current one',
    ])
    const updated = sites.update(shop, { domain: 'store.example.com', tracker: { outbound_links: 'true' } })
    expect(updated.ok).toBe(true)
    expect(shop.tracker).toMatchObject({
      installation_type: 'manual',
      outbound_links: true,
      file_downloads: false,
    })
    expect(sites.find('shop.example.com')).toBe(shop)
    expect(sites.find('store.example.com')).toBe(shop)
    expect(errorOf(sites.create({ domain: 'shop.example.com' }))).toEqual([400, duplicate])
  })

  it('finds or creates goals and keeps a guest role on a repeated invite', () => {
    const sites = registry()
    const docs = sites.find('docs.example.net')!
    const goal = sites.findOrCreateGoal(docs, { pagePath: '/faq' })
    expect(goal.displayName).toBe('Visit /faq')
    expect(sites.findOrCreateGoal(docs, { pagePath: '/faq', displayName: 'Other' })).toBe(goal)
    expect(sites.deleteGoal(docs, goal.id)).toBe(true)
    expect(sites.deleteGoal(docs, goal.id)).toBe(false)
    sites.invite(docs, 'a@example.com', 'viewer')
    expect(sites.invite(docs, 'a@example.com', 'editor')).toMatchObject({ role: 'viewer', status: 'invited' })
    expect(sites.sharedLinkSlug(docs, 'Team')).toBe(sites.sharedLinkSlug(docs, 'Team'))
  })
})
