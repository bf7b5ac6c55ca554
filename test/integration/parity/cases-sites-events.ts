// Table rows for the Sites API (§6), the Events API (§7) and CE mode (§1, §8).
import { expect } from 'vitest'
import type { Capabilities } from '../../../src/core/api/capabilities'
import { raw, type ParityCase, type RawRequest, type RawResponse } from './harness'
import { texts } from './texts'

const shop = 'shop.example.com'
const blog = 'blog.example.org'
const plan = 'docs.example.net'

type Body = Record<string, unknown>
const json = (response: RawResponse) => response.json as Body
const keysOf = (value: unknown) => Object.keys(value as object).sort()

const siteObjectKeys = ['custom_properties', 'domain', 'timezone', 'tracker_script_configuration']
const trackerKeys = [
  'file_downloads',
  'form_submissions',
  'hash_based_routing',
  'id',
  'installation_type',
  'outbound_links',
  'pageview_props',
  'revenue_tracking',
  'tagged_events',
  'track_404_pages',
]
const metaKeys = ['after', 'before', 'limit']

const get = (path: string, query?: Record<string, string | number>): RawRequest => ({
  method: 'GET',
  path,
  ...(query ? { query } : {}),
})
const put = (path: string, body: Body): RawRequest => ({ method: 'PUT', path, body })

const sitesInvalid = (
  name: string,
  http: RawRequest,
  message: string,
  client: ParityCase['client'],
  status = 400,
): ParityCase => ({
  name,
  group: 'sites',
  http,
  expectHttp: { status, error: message },
  client,
  expectClient: { error: { code: status === 404 ? 'NOT_FOUND' : 'QUERY_INVALID', serverMessage: message } },
})

// ── Sites API (§6) ────────────────────────────────────────────────────────────────────────────────
const sitesCases: ParityCase[] = [
  {
    name: 'sites list, one per page: cursor meta',
    group: 'sites',
    http: get('/api/v1/sites', { limit: 1 }),
    expectHttp: {
      status: 200,
      check: (response) => {
        expect(keysOf(response.json)).toEqual(['meta', 'sites'])
        const body = json(response) as { sites: unknown[]; meta: Body }
        expect(body.sites).toHaveLength(1)
        expect(keysOf(body.sites[0])).toEqual(['domain', 'timezone'])
        expect(keysOf(body.meta)).toEqual(metaKeys)
        expect(body.meta).toMatchObject({ before: null, limit: 1 })
        expect(typeof body.meta.after).toBe('string')
      },
    },
    client: (client) => client.sites.list({ limit: 1 }),
    expectClient: {
      check: (value) => {
        const page = value as { items: unknown[]; meta: { after: string | null } }
        expect(page.items).toHaveLength(1)
        expect(page.meta.after).not.toBeNull()
      },
    },
  },
  {
    name: 'sites list walked page by page holds every seeded site',
    group: 'sites',
    http: get('/api/v1/sites', { limit: 1000 }),
    expectHttp: {
      status: 200,
      check: (response, { sandbox }) => {
        const domains = (json(response).sites as Array<{ domain: string }>).map((site) => site.domain)
        for (const site of sandbox.sites) expect(domains).toContain(site.domain)
      },
    },
    client: (client) => client.sites.listAll({ pageSize: 1 }),
    expectClient: {
      check: (value, { sandbox }) => {
        const sites = value as Array<{ domain: string; timezone: string }>
        for (const site of sandbox.sites) expect(sites).toContainEqual(site)
        expect(new Set(sites.map((site) => site.domain)).size).toBe(sites.length)
      },
    },
  },
  {
    name: 'a stats-only key may read the sites list',
    group: 'sites',
    key: 'stats',
    http: get('/api/v1/sites'),
    expectHttp: {
      status: 200,
      check: (response) => expect(keysOf(response.json)).toEqual(['meta', 'sites']),
    },
    client: (client) => client.sites.list(),
    expectClient: {
      check: (value) => expect((value as { items: unknown[] }).items.length).toBeGreaterThan(0),
    },
  },
  {
    name: 'teams: id, name, api_available',
    group: 'sites',
    http: get('/api/v1/sites/teams'),
    expectHttp: {
      status: 200,
      check: (response) => {
        const body = json(response) as { teams: Body[]; meta: Body }
        expect(keysOf(body.teams[0])).toEqual(['api_available', 'id', 'name'])
        expect(keysOf(body.meta)).toEqual(metaKeys)
      },
    },
    client: (client) => client.sites.teamsAll(),
    expectClient: { check: (value) => expect((value as unknown[]).length).toBeGreaterThan(0) },
  },
  {
    name: 'get a site: the full site object',
    group: 'sites',
    http: get(`/api/v1/sites/${shop}`),
    expectHttp: {
      status: 200,
      check: (response) => {
        expect(keysOf(response.json)).toEqual(siteObjectKeys)
        expect(json(response)).toMatchObject({ domain: shop, timezone: 'Europe/Berlin' })
        expect(keysOf(json(response).tracker_script_configuration)).toEqual(trackerKeys)
      },
    },
    client: (client) => client.sites.get(shop),
    expectClient: {
      check: (value) => expect(value).toMatchObject({ domain: shop, timezone: 'Europe/Berlin' }),
    },
  },
  sitesInvalid(
    'get an unknown site: 404',
    get('/api/v1/sites/nope.example'),
    texts.sites.siteNotFound,
    (client) => client.sites.get('nope.example'),
    404,
  ),
  {
    name: 'create a site: the new site object, time zone kept',
    group: 'sites',
    http: ({ run }) => ({
      method: 'POST',
      path: '/api/v1/sites',
      body: { domain: `${run}-new.example.com`, timezone: 'Europe/Paris' },
    }),
    expectHttp: {
      status: 200,
      check: (response) =>
        expect(json(response)).toMatchObject({ domain: 'http-new.example.com', timezone: 'Europe/Paris' }),
    },
    client: (client, { run }) =>
      client.sites.create({ domain: `${run}-new.example.com`, timezone: 'Europe/Paris' }),
    expectClient: {
      check: (value) =>
        expect(value).toMatchObject({ domain: 'client-new.example.com', timezone: 'Europe/Paris' }),
    },
  },
  {
    name: 'create a site that exists: the duplicate text',
    group: 'sites',
    http: { method: 'POST', path: '/api/v1/sites', body: { domain: shop } },
    expectHttp: {
      status: 400,
      check: (response) =>
        expect(json(response).error).toMatch(
          /^domain: This domain cannot be registered\. Perhaps one of your colleagues registered it\?/,
        ),
    },
    client: (client) => client.sites.create({ domain: shop }),
    expectClient: { error: { code: 'QUERY_INVALID', message: /^domain: This domain cannot be registered/ } },
  },
  sitesInvalid(
    'create a site without a domain',
    { method: 'POST', path: '/api/v1/sites', body: { timezone: 'Etc/UTC' } },
    texts.sites.domainBlank,
    (client) => client.sites.create({ domain: '' }),
  ),
  sitesInvalid(
    'create a site with an unknown time zone',
    { method: 'POST', path: '/api/v1/sites', body: { domain: 'tz.example.com', timezone: 'Mars/Olympus' } },
    'timezone: is invalid',
    (client) => client.sites.create({ domain: 'tz.example.com', timezone: 'Mars/Olympus' }),
  ),
  {
    name: 'a stats-only key writing: 401, told as the missing sites:provision scope',
    group: 'sites',
    key: 'stats',
    http: { method: 'POST', path: '/api/v1/sites', body: { domain: 'scope.example.com' } },
    expectHttp: { status: 401, error: texts.invalidKeySites },
    client: (client) => client.sites.create({ domain: 'scope.example.com' }),
    expectClient: {
      error: {
        code: 'SCOPE_REQUIRED',
        message: /lacks the `sites:provision` scope/,
        serverMessage: texts.invalidKeySites,
      },
    },
  },
  sitesInvalid(
    'update a site with nothing to change',
    put(`/api/v1/sites/${blog}`, {}),
    texts.sites.emptyUpdate,
    (client) => client.sites.update(blog, {}),
  ),
  {
    name: 'update the tracker script configuration: a partial merge',
    group: 'sites',
    http: put(`/api/v1/sites/${blog}`, { tracker_script_configuration: { outbound_links: true } }),
    expectHttp: {
      status: 200,
      check: (response) =>
        expect(json(response).tracker_script_configuration).toMatchObject({
          outbound_links: true,
          file_downloads: false,
        }),
    },
    client: (client) => client.sites.update(blog, { trackerScriptConfiguration: { outbound_links: true } }),
    expectClient: {
      check: (value) =>
        expect((value as { tracker_script_configuration: Body }).tracker_script_configuration).toMatchObject({
          outbound_links: true,
          file_downloads: false,
        }),
    },
  },
  {
    name: 'delete a site: {"deleted": true}',
    group: 'sites',
    before: async ({ sandbox, run }) => {
      await raw(sandbox, 'demo', {
        method: 'POST',
        path: '/api/v1/sites',
        body: { domain: `${run}-gone.example.com` },
      })
    },
    http: ({ run }) => ({ method: 'DELETE', path: `/api/v1/sites/${run}-gone.example.com` }),
    expectHttp: { status: 200, body: { deleted: true } },
    client: (client, { run }) => client.sites.delete(`${run}-gone.example.com`),
    expectClient: { check: (value) => expect(value).toEqual({ deleted: true }) },
  },
  sitesInvalid(
    'delete an unknown site: 404',
    { method: 'DELETE', path: '/api/v1/sites/nope.example' },
    texts.sites.siteNotFound,
    (client) => client.sites.delete('nope.example'),
    404,
  ),
  {
    name: 'goals list: goal objects and cursor meta',
    group: 'sites',
    http: get('/api/v1/sites/goals', { site_id: shop }),
    expectHttp: {
      status: 200,
      check: (response) => {
        const body = json(response) as { goals: Body[]; meta: Body }
        expect(keysOf(body.meta)).toEqual(metaKeys)
        const signup = body.goals.find((goal) => goal.display_name === 'Signup')
        expect(signup).toMatchObject({
          goal_type: 'event',
          event_name: 'Signup',
          page_path: null,
          custom_props: {},
        })
        expect(typeof signup!.id).toBe('number')
      },
    },
    client: (client) => client.sites.goals.listAll(shop),
    expectClient: {
      check: (value) =>
        expect((value as Array<{ display_name: string }>).map((goal) => goal.display_name)).toContain(
          'Signup',
        ),
    },
  },
  sitesInvalid(
    'goals list without site_id',
    get('/api/v1/sites/goals'),
    texts.sites.goalsNeedSiteId,
    (client) => client.sites.goals.list(''),
  ),
  {
    name: 'goal find-or-create is idempotent',
    group: 'sites',
    http: put('/api/v1/sites/goals', { site_id: shop, goal_type: 'event', event_name: 'Parity' }),
    expectHttp: {
      status: 200,
      check: (response) => {
        expect(keysOf(response.json)).toEqual([
          'custom_props',
          'display_name',
          'domain',
          'event_name',
          'goal_type',
          'id',
          'page_path',
        ])
        expect(json(response)).toMatchObject({
          goal_type: 'event',
          event_name: 'Parity',
          page_path: null,
          domain: shop,
          display_name: 'Parity',
        })
      },
    },
    client: async (client) => {
      const first = await client.sites.goals.findOrCreate(shop, { goalType: 'event', eventName: 'Parity' })
      const second = await client.sites.goals.findOrCreate(shop, { goalType: 'event', eventName: 'Parity' })
      return [first, second]
    },
    expectClient: {
      check: (value) => {
        const [first, second] = value as Array<{ id: number }>
        expect(second!.id).toBe(first!.id)
      },
    },
  },
  sitesInvalid(
    'goal without goal_type',
    put('/api/v1/sites/goals', { site_id: shop, event_name: 'X' }),
    texts.sites.goalNeedsType,
    (client) =>
      client.sites.goals.findOrCreate(shop, { goalType: undefined as never, eventName: 'X' } as never),
  ),
  sitesInvalid(
    'delete an unknown goal: 404',
    { method: 'DELETE', path: '/api/v1/sites/goals/999999', query: { site_id: shop } },
    texts.sites.goalNotFound,
    (client) => client.sites.goals.delete(shop, 999999),
    404,
  ),
  {
    name: 'a stats-only key creating a goal: scope error',
    group: 'sites',
    key: 'stats',
    http: put('/api/v1/sites/goals', { site_id: shop, goal_type: 'event', event_name: 'Nope' }),
    expectHttp: { status: 401, error: texts.invalidKeySites },
    client: (client) => client.sites.goals.findOrCreate(shop, { goalType: 'event', eventName: 'Nope' }),
    expectClient: { error: { code: 'SCOPE_REQUIRED' } },
  },
  {
    name: 'custom props list: no paging',
    group: 'sites',
    http: get('/api/v1/sites/custom-props', { site_id: shop }),
    expectHttp: {
      status: 200,
      check: (response) => {
        expect(keysOf(response.json)).toEqual(['custom_properties'])
        expect(json(response).custom_properties).toContainEqual({ property: 'plan' })
      },
    },
    client: (client) => client.sites.customProps.list(shop),
    expectClient: { check: (value) => expect(value).toContain('plan') },
  },
  {
    name: 'custom prop add is idempotent',
    group: 'sites',
    http: put('/api/v1/sites/custom-props', { site_id: shop, property: 'author' }),
    expectHttp: { status: 200, body: { created: true } },
    client: async (client) => {
      await client.sites.customProps.add(shop, 'author')
      return client.sites.customProps.add(shop, 'author')
    },
    expectClient: { check: (value) => expect(value).toEqual({ created: true }) },
  },
  sitesInvalid(
    'custom prop without a property',
    put('/api/v1/sites/custom-props', { site_id: shop }),
    texts.sites.propNeedsProperty,
    (client) => client.sites.customProps.add(shop, ''),
  ),
  {
    name: 'custom prop with a slash is removed by its whole name',
    group: 'sites',
    before: async ({ sandbox, run }) => {
      await raw(
        sandbox,
        'demo',
        put('/api/v1/sites/custom-props', { site_id: shop, property: `docs/${run}` }),
      )
    },
    http: { method: 'DELETE', path: '/api/v1/sites/custom-props/docs/http', query: { site_id: shop } },
    expectHttp: { status: 200, body: { deleted: true } },
    client: async (client) => {
      await client.sites.customProps.remove(shop, 'docs/client')
      return client.sites.customProps.list(shop)
    },
    expectClient: {
      check: (value) => {
        expect(value).not.toContain('docs/client')
        expect(value).not.toContain('docs/http')
      },
    },
  },
  {
    name: 'shared link find-or-create: a plausible.io/share URL, idempotent',
    group: 'sites',
    http: put('/api/v1/sites/shared-links', { site_id: shop, name: 'Parity' }),
    expectHttp: {
      status: 200,
      check: (response) => {
        expect(keysOf(response.json)).toEqual(['name', 'url'])
        expect(json(response).url).toMatch(/^https:\/\/plausible\.io\/share\/shop\.example\.com\?auth=.+/)
      },
    },
    client: async (client) => [
      await client.sites.sharedLinks.findOrCreate(shop, 'Parity'),
      await client.sites.sharedLinks.findOrCreate(shop, 'Parity'),
    ],
    expectClient: {
      check: (value) => {
        const [first, second] = value as Array<{ url: string }>
        expect(second!.url).toBe(first!.url)
      },
    },
  },
  {
    name: 'shared link on a plan without them: 402',
    group: 'sites',
    before: ({ sandbox }) => sandbox.setPlan(plan, { sharedLinks: false }),
    after: ({ sandbox }) => sandbox.setPlan(plan, { sharedLinks: true }),
    http: put('/api/v1/sites/shared-links', { site_id: plan, name: 'Parity' }),
    expectHttp: { status: 402, error: texts.sites.noSharedLinks },
    client: (client) => client.sites.sharedLinks.findOrCreate(plan, 'Parity'),
    expectClient: {
      error: { code: 'PLAN_REQUIRED', message: /^This site's plan does not include shared links\./ },
    },
  },
  {
    name: 'guests list',
    group: 'sites',
    http: get('/api/v1/sites/guests', { site_id: shop }),
    expectHttp: {
      status: 200,
      check: (response) => {
        const body = json(response) as { guests: Body[]; meta: Body }
        expect(keysOf(body.meta)).toEqual(metaKeys)
        for (const guest of body.guests) expect(keysOf(guest)).toEqual(['email', 'role', 'status'])
      },
    },
    client: (client) => client.sites.guests.listAll(shop),
    expectClient: { check: (value) => expect(Array.isArray(value)).toBe(true) },
  },
  {
    name: 'guest invite: invited, and an existing guest keeps the role',
    group: 'sites',
    http: put('/api/v1/sites/guests', { site_id: shop, email: 'http-guest@example.com', role: 'viewer' }),
    expectHttp: { status: 200, body: { email: 'http-guest@example.com', role: 'viewer', status: 'invited' } },
    client: async (client) => {
      await client.sites.guests.invite(shop, 'client-guest@example.com', 'viewer')
      return client.sites.guests.invite(shop, 'client-guest@example.com', 'editor')
    },
    expectClient: {
      check: (value) =>
        expect(value).toEqual({ email: 'client-guest@example.com', role: 'viewer', status: 'invited' }),
    },
  },
  sitesInvalid(
    'guest invite without a role',
    put('/api/v1/sites/guests', { site_id: shop, email: 'x@example.com' }),
    texts.sites.guestNeedsRole,
    (client) => client.sites.guests.invite(shop, 'x@example.com', undefined as never),
  ),
  {
    name: 'guest removal is idempotent',
    group: 'sites',
    http: { method: 'DELETE', path: '/api/v1/sites/guests/nobody@example.com', query: { site_id: shop } },
    expectHttp: { status: 200, body: { deleted: true } },
    client: (client) => client.sites.guests.remove(shop, 'nobody@example.com'),
    expectClient: { check: (value) => expect(value).toEqual({ deleted: true }) },
  },
  {
    name: 'a site whose team lacks the Sites API: 402, told as the Enterprise plan',
    group: 'sites',
    before: ({ sandbox }) => sandbox.setPlan(plan, { sitesApi: false }),
    after: ({ sandbox }) => sandbox.setPlan(plan, { sitesApi: true }),
    http: get('/api/v1/sites/goals', { site_id: plan }),
    expectHttp: {
      status: 402,
      check: (response) =>
        expect(json(response).error).toContain('API key does not have access to Sites API'),
    },
    client: (client) => client.sites.goals.list(plan),
    expectClient: { error: { code: 'PLAN_REQUIRED', hint: /Enterprise plan/ } },
  },
]

// ── Events API (§7) ───────────────────────────────────────────────────────────────────────────────
const browser = 'Mozilla/5.0 (X11; Linux x86_64; rv:130.0) Gecko/20100101 Firefox/130.0'
const event = (
  body: Body,
  headers: Record<string, string> = { 'user-agent': browser, 'x-forwarded-for': '203.0.113.9' },
): RawRequest => ({
  method: 'POST',
  path: '/api/event',
  body,
  headers,
})

const eventRejected = (name: string, body: Body, errors: Record<string, string[]>): ParityCase => ({
  name,
  group: 'events',
  key: 'none',
  http: event(body),
  expectHttp: { status: 400, body: { errors } },
  client: (client) => client.events.send(body as never, { userAgent: browser, skipLocalCheck: true }),
  expectClient: {
    error: { code: 'EVENT_INVALID', fieldErrors: errors, message: /^The Events API rejected the event: / },
  },
})

const eventsCases: ParityCase[] = [
  {
    name: 'event accepted: 202 with the plain text "ok"',
    group: 'events',
    key: 'none',
    http: event({ name: 'pageview', url: `https://${shop}/parity`, domain: shop }),
    expectHttp: { status: 202, text: 'ok', headers: { 'x-plausible-dropped': null } },
    client: (client) =>
      client.events.send(
        { name: 'pageview', url: `https://${shop}/parity`, domain: shop },
        { userAgent: browser, forwardedFor: '203.0.113.10' },
      ),
    expectClient: { check: (value) => expect(value).toEqual({ status: 'accepted' }) },
  },
  {
    name: 'event from a bot: 202 ok but x-plausible-dropped, reported as dropped',
    group: 'events',
    key: 'none',
    http: event(
      { name: 'pageview', url: `https://${shop}/`, domain: shop },
      { 'user-agent': 'Googlebot/2.1 (+http://www.google.com/bot.html)' },
    ),
    expectHttp: { status: 202, text: 'ok', headers: { 'x-plausible-dropped': '1' } },
    client: (client) =>
      client.events.send(
        { name: 'pageview', url: `https://${shop}/`, domain: shop },
        { userAgent: 'Googlebot/2.1 (+http://www.google.com/bot.html)' },
      ),
    expectClient: { check: (value) => expect(value).toEqual({ status: 'dropped', dropped: 1 }) },
  },
  {
    name: 'event for an unknown domain: dropped',
    group: 'events',
    key: 'none',
    http: event({ name: 'pageview', url: 'https://unknown.example/' }),
    expectHttp: { status: 202, text: 'ok', headers: { 'x-plausible-dropped': '1' } },
    client: (client) =>
      client.events.send({ name: 'pageview', url: 'https://unknown.example/' }, { userAgent: browser }),
    expectClient: { check: (value) => expect(value).toEqual({ status: 'dropped', dropped: 1 }) },
  },
  {
    name: 'custom event with props arrives in the sandbox stats',
    group: 'events',
    key: 'none',
    http: event({ name: 'Parity', url: `https://${shop}/checkout`, domain: shop, props: { run: 'http' } }),
    expectHttp: {
      status: 202,
      text: 'ok',
      check: (_response, { sandbox }) =>
        expect(JSON.stringify(sandbox.acceptedEvents().at(-1))).toContain('Parity'),
    },
    client: (client) =>
      client.events.send(
        { name: 'Parity', url: `https://${shop}/checkout`, domain: shop, props: { run: 'client' } },
        { userAgent: browser },
      ),
    expectClient: {
      check: (value, { sandbox }) => {
        expect(value).toEqual({ status: 'accepted' })
        expect(JSON.stringify(sandbox.acceptedEvents().at(-1))).toContain('client')
      },
    },
  },
  eventRejected(
    'event without url: field error',
    { name: 'pageview', domain: shop },
    { url: ['is required'] },
  ),
  eventRejected(
    'event with a data: url',
    { name: 'pageview', url: 'data:text/html,hi', domain: shop },
    { url: ['scheme is not allowed'] },
  ),
  eventRejected(
    'event with a blank name',
    { name: '', url: `https://${shop}/`, domain: shop },
    { event_name: ["can't be blank"] },
  ),
  eventRejected(
    'event with an over-long prop key',
    { name: 'pageview', url: `https://${shop}/`, domain: shop, props: { ['k'.repeat(301)]: 'v' } },
    {
      props: ['keys should have at most 300 bytes and values 2000 bytes'],
    },
  ),
]

// ── CE mode (§1, §3, §8) and capabilities ─────────────────────────────────────────────────────────
const ceCases: ParityCase[] = [
  {
    name: 'CE has no Sites API: the router 404, said plainly',
    group: 'ce',
    sandbox: 'ce',
    http: get('/api/v1/sites'),
    expectHttp: { status: 404, body: { status: 404, message: 'Not Found' } },
    client: (client) => client.sites.list(),
    expectClient: {
      error: {
        code: 'NOT_SUPPORTED',
        message: 'This server has no Sites API (self-hosted Plausible CE removed it in v2.1).',
      },
    },
  },
  {
    name: 'CE has no goal provisioning either',
    group: 'ce',
    sandbox: 'ce',
    http: put('/api/v1/sites/goals', { site_id: shop, goal_type: 'event', event_name: 'X' }),
    expectHttp: { status: 404, body: { status: 404, message: 'Not Found' } },
    client: (client) => client.sites.goals.findOrCreate(shop, { goalType: 'event', eventName: 'X' }),
    expectClient: { error: { code: 'NOT_SUPPORTED', hint: /dashboard/ } },
  },
  {
    name: 'CE answers v2 queries',
    group: 'ce',
    sandbox: 'ce',
    http: {
      method: 'POST',
      path: '/api/v2/query',
      body: { site_id: shop, metrics: ['visitors'], date_range: '7d' },
    },
    expectHttp: {
      status: 200,
      check: (response) => expect((json(response).results as unknown[]).length).toBe(1),
    },
    client: (client) =>
      client.ask({ kind: 'aggregate', siteId: shop, metrics: ['visitors'], dateRange: '7d' }),
    expectClient: { check: (value) => expect(value).toMatchObject({ kind: 'aggregate', api: 'v2' }) },
  },
  {
    name: 'CE answers v1 queries',
    group: 'ce',
    sandbox: 'ce',
    http: get('/api/v1/stats/aggregate', { site_id: shop, period: '7d' }),
    expectHttp: {
      status: 200,
      check: (response) => expect(keysOf(json(response).results)).toEqual(['visitors']),
    },
    client: (client) => client.v1.aggregate({ siteId: shop, period: '7d' }),
    expectClient: { check: (value) => expect(keysOf((value as Body).results)).toEqual(['visitors']) },
  },
  {
    name: 'CE accepts events',
    group: 'ce',
    sandbox: 'ce',
    key: 'none',
    http: event({ name: 'pageview', url: `https://${shop}/ce`, domain: shop }),
    expectHttp: { status: 202, text: 'ok' },
    client: (client) =>
      client.events.send({ name: 'pageview', url: `https://${shop}/ce` }, { userAgent: browser }),
    expectClient: { check: (value) => expect(value).toEqual({ status: 'accepted' }) },
  },
  {
    name: 'capabilities on CE: v2 yes, Sites API no, said in one sentence',
    group: 'ce',
    sandbox: 'ce',
    http: get('/api/v1/sites', { limit: 1 }),
    expectHttp: { status: 404 },
    client: (client) => client.probeCapabilities(),
    expectClient: {
      check: (value) => {
        const capabilities = value as Capabilities
        expect(capabilities).toMatchObject({ statsV2: true, sitesApi: 'absent', keyKind: 'stats-only' })
        expect(capabilities.sentences).toContain(
          'This server has no Sites API (self-hosted Plausible CE removed it in v2.1): manage sites, goals and guests in its dashboard.',
        )
      },
    },
  },
  {
    name: 'capabilities on cloud with the provisioning key: the scope probe creates nothing',
    group: 'ce',
    http: put('/api/v1/sites/goals', {}),
    expectHttp: {
      status: 400,
      check: (response) =>
        expect(json(response).error).toMatch(
          /^Parameter `(site_id|goal_type)` is required to create a goal$/,
        ),
    },
    client: (client) => client.probeCapabilities(),
    expectClient: {
      check: (value) =>
        expect(value).toMatchObject({ statsV2: true, sitesApi: 'available', keyKind: 'provisioning' }),
    },
  },
  {
    name: 'capabilities on cloud with a stats-only key: read, not write',
    group: 'ce',
    key: 'stats',
    http: put('/api/v1/sites/goals', {}),
    expectHttp: { status: 401, error: texts.invalidKeySites },
    client: (client) => client.probeCapabilities(),
    expectClient: {
      check: (value) => {
        expect(value).toMatchObject({ sitesApi: 'available', keyKind: 'stats-only' })
        expect((value as Capabilities).sentences).toContain(
          'This key can read stats and sites but not change them: it lacks the `sites:provision` scope.',
        )
      },
    },
  },
]

export const sitesEventsCases = [...sitesCases, ...eventsCases, ...ceCases]
