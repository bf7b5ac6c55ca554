// Sites API over real HTTP (§6): scopes, cursor pages, CRUD texts, idempotent writes, plan 402s, CE 404s.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { startSandbox, type RunningSandbox } from '../../src/core/sandbox'

const now = Date.parse('2026-11-23T14:30:00Z')
const shop = 'shop.example.com'
const invalidKey =
  "Invalid API key. Please make sure you're using a valid API key with access to the resource you've requested."
let sandbox: RunningSandbox

beforeEach(async () => {
  sandbox = await startSandbox({ port: 0, clock: () => now })
})
afterEach(() => sandbox.close())

interface Answer {
  status: number
  body: Record<string, unknown>
}

async function call(
  method: string,
  path: string,
  body?: unknown,
  key: string = sandbox.apiKey,
): Promise<Answer> {
  const response = await fetch(`${sandbox.baseUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  })
  return { status: response.status, body: (await response.json()) as Record<string, unknown> }
}

describe('Sites API: sites', () => {
  it('creates, reads, updates with a partial tracker merge and deletes a site', async () => {
    const created = await call('POST', '/api/v1/sites', {
      domain: 'new.example.com',
      timezone: 'Europe/Tallinn',
      tracker_script_configuration: { installation_type: 'wordpress', file_downloads: true },
    })
    expect(created.status).toBe(200)
    expect(created.body).toEqual({
      domain: 'new.example.com',
      timezone: 'Europe/Tallinn',
      custom_properties: [],
      tracker_script_configuration: {
        id: expect.stringMatching(/^pa-/),
        installation_type: 'wordpress',
        track_404_pages: false,
        hash_based_routing: false,
        outbound_links: false,
        file_downloads: true,
        revenue_tracking: false,
        tagged_events: false,
        form_submissions: false,
        pageview_props: false,
      },
    })
    const updated = await call('PUT', '/api/v1/sites/new.example.com', {
      domain: 'renamed.example.com',
      tracker_script_configuration: { form_submissions: true },
    })
    expect(updated.body).toMatchObject({
      domain: 'renamed.example.com',
      tracker_script_configuration: {
        installation_type: 'wordpress',
        file_downloads: true,
        form_submissions: true,
      },
    })
    // The old domain keeps working.
    expect((await call('GET', '/api/v1/sites/new.example.com')).body.domain).toBe('renamed.example.com')
    expect(await call('DELETE', '/api/v1/sites/new.example.com')).toEqual({
      status: 200,
      body: { deleted: true },
    })
    expect(await call('GET', '/api/v1/sites/renamed.example.com')).toEqual({
      status: 404,
      body: { error: 'Site could not be found' },
    })
  })

  it('answers the create and update texts', async () => {
    expect(await call('POST', '/api/v1/sites', {})).toEqual({
      status: 400,
      body: { error: "domain: can't be blank" },
    })
    expect(await call('POST', '/api/v1/sites', { domain: 'x.test', timezone: 'Mars/Olympus' })).toEqual({
      status: 400,
      body: { error: 'timezone: is invalid' },
    })
    expect(await call('POST', '/api/v1/sites', { domain: shop })).toEqual({
      status: 400,
      body: {
        error:
          "domain: This domain cannot be registered. Perhaps one of your colleagues registered it? If that's not the case, please contact support@plausible.io\n",
      },
    })
    expect(await call('POST', '/api/v1/sites', { domain: 'x.test', team_id: 'other' })).toEqual({
      status: 403,
      body: { error: "You can't add sites to the selected team." },
    })
    expect(await call('PUT', `/api/v1/sites/${shop}`, {})).toEqual({
      status: 400,
      body: {
        error: "Payload must contain at least one of the parameters 'domain', 'tracker_script_configuration'",
      },
    })
    expect(
      await call('PUT', `/api/v1/sites/${shop}`, {
        tracker_script_configuration: { outbound_links: 'maybe' },
      }),
    ).toEqual({
      status: 400,
      body: { error: 'tracker_script_configuration.outbound_links: is invalid' },
    })
  })

  it('lists newest first in cursor pages, and teams', async () => {
    await call('POST', '/api/v1/sites', { domain: 'fourth.example.com' })
    const first = await call('GET', '/api/v1/sites?limit=2')
    expect(first.body.sites).toEqual([
      { domain: 'fourth.example.com', timezone: 'Etc/UTC' },
      { domain: shop, timezone: 'Europe/Berlin' },
    ])
    const meta = first.body.meta as { after: string; before: null; limit: number }
    expect(meta).toEqual({ after: expect.any(String), before: null, limit: 2 })
    const second = await call('GET', `/api/v1/sites?limit=2&after=${meta.after}`)
    expect((second.body.sites as Array<{ domain: string }>).map((site) => site.domain)).toEqual([
      'blog.example.org',
      'docs.example.net',
    ])
    expect(second.body.meta).toEqual({ after: null, before: expect.any(String), limit: 2 })
    const teams = await call('GET', '/api/v1/sites/teams')
    expect(teams.body).toEqual({
      teams: [
        { id: expect.stringMatching(/^[0-9a-f-]{36}$/), name: 'My Personal Sites', api_available: true },
      ],
      meta: { after: null, before: null, limit: 100 },
    })
  })
})

describe('Sites API: scopes', () => {
  it('lets a stats-only key read and refuses its writes with 401', async () => {
    const key = sandbox.statsOnlyKey
    expect((await call('GET', '/api/v1/sites', undefined, key)).status).toBe(200)
    expect((await call('GET', `/api/v1/sites/goals?site_id=${shop}`, undefined, key)).status).toBe(200)
    for (const [method, path, body] of [
      ['POST', '/api/v1/sites', { domain: 'x.test' }],
      ['PUT', '/api/v1/sites/goals', { site_id: shop, goal_type: 'event', event_name: 'X' }],
      ['DELETE', `/api/v1/sites/${shop}`, undefined],
      ['PUT', '/api/v1/sites/custom-props', { site_id: shop, property: 'x' }],
    ] as const) {
      expect(await call(method, path, body, key)).toEqual({ status: 401, body: { error: invalidKey } })
    }
  })
})

describe('Sites API: goals, props, shared links, guests', () => {
  it('finds or creates goals idempotently and deletes them', async () => {
    const put = (body: Record<string, unknown>) =>
      call('PUT', '/api/v1/sites/goals', { site_id: shop, ...body })
    const goal = await put({ goal_type: 'event', event_name: 'Purchase', display_name: 'Bought' })
    expect(goal.body).toEqual({
      id: expect.any(Number),
      goal_type: 'event',
      event_name: 'Purchase',
      page_path: null,
      custom_props: {},
      domain: shop,
      display_name: 'Bought',
    })
    expect((await put({ goal_type: 'event', event_name: 'Purchase' })).body.id).toBe(goal.body.id)
    expect((await put({ goal_type: 'page', page_path: '/cart' })).body.display_name).toBe('Visit /cart')
    expect(await put({ event_name: 'x' })).toEqual({
      status: 400,
      body: { error: 'Parameter `goal_type` is required to create a goal' },
    })
    expect(await put({ goal_type: 'page' })).toEqual({
      status: 400,
      body: { error: 'Parameter `page_path` is required to create a goal' },
    })
    const listed = await call('GET', `/api/v1/sites/goals?site_id=${shop}&limit=1`)
    expect((listed.body.goals as Array<{ display_name: string }>)[0]!.display_name).toBe('Visit /cart')
    expect(await call('DELETE', `/api/v1/sites/goals/${goal.body.id}`, { site_id: shop })).toEqual({
      status: 200,
      body: { deleted: true },
    })
    expect(await call('DELETE', `/api/v1/sites/goals/${goal.body.id}`, { site_id: shop })).toEqual({
      status: 404,
      body: { error: 'Goal could not be found' },
    })
  })

  it('adds custom props idempotently, refuses long ones and deletes names with slashes', async () => {
    const put = (property: string) => call('PUT', '/api/v1/sites/custom-props', { site_id: shop, property })
    expect(await put('author/name')).toEqual({ status: 200, body: { created: true } })
    expect(await put('author/name')).toEqual({ status: 200, body: { created: true } })
    expect(await put('x'.repeat(301))).toEqual({
      status: 400,
      body: { error: 'Parameter `property` is too long' },
    })
    expect((await call('GET', `/api/v1/sites/custom-props?site_id=${shop}`)).body).toEqual({
      custom_properties: [{ property: 'method' }, { property: 'plan' }, { property: 'author/name' }],
    })
    expect(await call('DELETE', '/api/v1/sites/custom-props/author/name', { site_id: shop })).toEqual({
      status: 200,
      body: { deleted: true },
    })
    expect(await call('DELETE', '/api/v1/sites/custom-props/absent', { site_id: shop })).toEqual({
      status: 200,
      body: { deleted: true },
    })
    expect(await call('GET', '/api/v1/sites/custom-props')).toEqual({
      status: 400,
      body: { error: 'Parameter `site_id` is required to list custom properties' },
    })
  })

  it('stops at 300 custom props', async () => {
    await Promise.all(
      Array.from({ length: 298 }, (_, i) =>
        call('PUT', '/api/v1/sites/custom-props', { site_id: shop, property: `p${i}` }),
      ),
    )
    expect(await call('PUT', '/api/v1/sites/custom-props', { site_id: shop, property: 'one-more' })).toEqual({
      status: 400,
      body: { error: "Can't add any more custom properties" },
    })
  })

  it('creates shared links idempotently and refuses the reserved name', async () => {
    const link = await call('PUT', '/api/v1/sites/shared-links', { site_id: shop, name: 'Team' })
    expect(link.body).toEqual({
      name: 'Team',
      url: expect.stringMatching(/^https:\/\/plausible\.io\/share\/shop\.example\.com\?auth=[\w-]{16}$/),
    })
    expect((await call('PUT', '/api/v1/sites/shared-links', { site_id: shop, name: 'Team' })).body).toEqual(
      link.body,
    )
    expect(
      await call('PUT', '/api/v1/sites/shared-links', {
        site_id: shop,
        name: 'WordPress - Shared Dashboard',
      }),
    ).toEqual({
      status: 400,
      body: { error: 'This name is reserved. Please choose another one' },
    })
    expect(await call('PUT', '/api/v1/sites/shared-links', { name: 'Team' })).toEqual({
      status: 400,
      body: { error: 'Parameter `site_id` is required to create a shared link' },
    })
  })

  it('invites guests idempotently, keeping the first role, and removes them', async () => {
    const put = (email: string, role: string) =>
      call('PUT', `/api/v1/sites/guests?site_id=${shop}`, { email, role })
    expect((await put('new@example.com', 'viewer')).body).toEqual({
      email: 'new@example.com',
      role: 'viewer',
      status: 'invited',
    })
    expect((await put('new@example.com', 'editor')).body).toMatchObject({ role: 'viewer' })
    expect(await put('x@example.com', 'owner')).toEqual({
      status: 400,
      body: { error: 'Parameter `role` is required to create guest. Possible values: `viewer` or `editor`' },
    })
    expect((await call('GET', `/api/v1/sites/guests?site_id=${shop}`)).body).toEqual({
      guests: [
        { email: 'viewer@example.com', role: 'viewer', status: 'accepted' },
        { email: 'new@example.com', role: 'viewer', status: 'invited' },
      ],
      meta: { after: null, before: null, limit: 100 },
    })
    for (let i = 0; i < 2; i++)
      expect(await call('DELETE', `/api/v1/sites/guests/new%40example.com?site_id=${shop}`)).toEqual({
        status: 200,
        body: { deleted: true },
      })
  })
})

describe('Sites API: plans and editions', () => {
  it('answers 402 when the site lacks the Sites API, Shared Links or is locked', async () => {
    sandbox.setPlan(shop, { sharedLinks: false })
    expect(await call('PUT', '/api/v1/sites/shared-links', { site_id: shop, name: 'Team' })).toEqual({
      status: 402,
      body: { error: 'Your current subscription plan does not include Shared Links' },
    })
    sandbox.setPlan(shop, { sitesApi: false })
    const refused = await call('GET', `/api/v1/sites/goals?site_id=${shop}`)
    expect(refused.status).toBe(402)
    expect(refused.body.error).toContain('API key does not have access to Sites API')
    sandbox.setPlan(shop, { sitesApi: true, locked: true })
    expect(await call('GET', `/api/v1/sites/${shop}`)).toEqual({
      status: 402,
      body: {
        error:
          'This Plausible site is locked due to missing active subscription. In order to access it, the site owner should subscribe to a suitable plan',
      },
    })
  })

  it('has no Sites API routes on CE', async () => {
    const ce = await startSandbox({ port: 0, clock: () => now, mode: 'ce' })
    try {
      for (const path of ['/api/v1/sites', `/api/v1/sites/goals?site_id=${shop}`, `/api/v1/sites/${shop}`]) {
        const response = await fetch(`${ce.baseUrl}${path}`, {
          headers: { authorization: `Bearer ${ce.apiKey}` },
        })
        expect(response.status).toBe(404)
        expect(await response.json()).toEqual({ status: 404, message: 'Not Found' })
      }
    } finally {
      await ce.close()
    }
  })

  it('counts site-scoped calls in the same hourly bucket as stats calls', async () => {
    const tiny = await startSandbox({ port: 0, clock: () => now, hourlyLimit: 2 })
    try {
      const get = async (path: string) =>
        (await fetch(`${tiny.baseUrl}${path}`, { headers: { authorization: `Bearer ${tiny.apiKey}` } }))
          .status
      expect(await get(`/api/v1/stats/realtime/visitors?site_id=${shop}`)).toBe(200)
      expect(await get(`/api/v1/sites/goals?site_id=${shop}`)).toBe(200)
      expect(await get(`/api/v1/sites/${shop}`)).toBe(429)
      // Team-level routes count per key, not per site team (§3).
      expect(await get('/api/v1/sites')).toBe(200)
    } finally {
      await tiny.close()
    }
  })
})
