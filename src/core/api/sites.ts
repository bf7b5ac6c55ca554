// Sites API client (plausible-api.md §6, Enterprise-only; CE has no such routes): sites, teams, goals,
// custom props, shared links and guests, each answer checked against its zod schema.
import { z } from 'zod'
import type { Transport } from './transport'
import { lazySchema } from '../../shared/lazy-schema'

// ── Schemas (§6) ──────────────────────────────────────────────────────────────────────────────────

export const PageMeta = lazySchema(() =>
  z.object({
    after: z.string().nullable(),
    before: z.string().nullable(),
    limit: z.number().int(),
  }),
)
export type PageMeta = z.infer<typeof PageMeta>

export const TrackerScriptConfiguration = lazySchema(() =>
  z
    .object({
      id: z.string(),
      installation_type: z.enum(['manual', 'wordpress', 'gtm']).nullable(),
      track_404_pages: z.boolean(),
      hash_based_routing: z.boolean(),
      outbound_links: z.boolean(),
      file_downloads: z.boolean(),
      revenue_tracking: z.boolean(),
      tagged_events: z.boolean(),
      form_submissions: z.boolean(),
      pageview_props: z.boolean(),
    })
    .partial()
    .loose(),
)
export type TrackerScriptConfiguration = z.infer<typeof TrackerScriptConfiguration>

export const SiteSummary = lazySchema(() => z.object({ domain: z.string(), timezone: z.string() }))
export type SiteSummary = z.infer<typeof SiteSummary>

/** GET/POST/PUT site object; older servers send only domain and timezone (+ custom_properties). */
export const Site = lazySchema(() =>
  SiteSummary.extend({
    custom_properties: z.array(z.string()).optional(),
    tracker_script_configuration: TrackerScriptConfiguration.optional(),
  }).loose(),
)
export type Site = z.infer<typeof Site>

export const SitesPage = lazySchema(() => z.object({ sites: z.array(SiteSummary.loose()), meta: PageMeta }))
export const Team = lazySchema(() =>
  z.object({ id: z.string(), name: z.string(), api_available: z.boolean() }),
)
export type Team = z.infer<typeof Team>
export const TeamsPage = lazySchema(() => z.object({ teams: z.array(Team), meta: PageMeta }))

export const Goal = lazySchema(() =>
  z.object({
    id: z.number().int(),
    display_name: z.string(),
    goal_type: z.enum(['event', 'page']),
    event_name: z.string().nullable(),
    page_path: z.string().nullable(),
    custom_props: z.record(z.string(), z.string()).optional(),
  }),
)
export type Goal = z.infer<typeof Goal>
export const GoalsPage = lazySchema(() => z.object({ goals: z.array(Goal.loose()), meta: PageMeta }))
/** PUT /goals answers the goal plus its site's domain. */
export const CreatedGoal = lazySchema(() => Goal.extend({ domain: z.string() }).loose())

export const Guest = lazySchema(() =>
  z.object({
    email: z.string(),
    role: z.enum(['viewer', 'editor']),
    status: z.enum(['accepted', 'invited']),
  }),
)
export type Guest = z.infer<typeof Guest>
export const GuestsPage = lazySchema(() => z.object({ guests: z.array(Guest), meta: PageMeta }))

export const SharedLink = lazySchema(() => z.object({ name: z.string(), url: z.string() }))
export type SharedLink = z.infer<typeof SharedLink>

/** `{"deleted": true}`; the docs show the string "true", so both are read as success. */
const Deleted = lazySchema(() => z.object({ deleted: z.union([z.literal(true), z.literal('true')]) }))
const Created = lazySchema(() => z.object({ created: z.union([z.literal(true), z.literal('true')]) }))
const CustomProps = lazySchema(() =>
  z.object({ custom_properties: z.array(z.object({ property: z.string() })) }),
)

// Request bodies (§6), for forms and the CLI to check input before calling. The client itself sends what it
// is given, so the server's own text stays the last word on anything these schemas let through.
const trackerFlags = lazySchema(() => TrackerScriptConfiguration.omit({ id: true }))
export const CreateSiteRequest = lazySchema(() =>
  z
    .object({
      domain: z.string().min(1, "domain: can't be blank"),
      timezone: z.string().min(1).optional(),
      team_id: z.string().optional(),
      tracker_script_configuration: trackerFlags.optional(),
    })
    .strict(),
)
export const UpdateSiteRequest = lazySchema(() =>
  z
    .object({ domain: z.string().min(1).optional(), tracker_script_configuration: trackerFlags.optional() })
    .strict()
    .refine((body) => body.domain !== undefined || body.tracker_script_configuration !== undefined, {
      message: "Payload must contain at least one of the parameters 'domain', 'tracker_script_configuration'",
    }),
)
export const GoalRequest = lazySchema(() =>
  z.discriminatedUnion('goal_type', [
    z.object({
      site_id: z.string().min(1),
      goal_type: z.literal('event'),
      event_name: z.string().min(1),
      display_name: z.string().optional(),
      custom_props: z.record(z.string(), z.string()).optional(),
    }),
    z.object({
      site_id: z.string().min(1),
      goal_type: z.literal('page'),
      page_path: z.string().startsWith('/'),
      display_name: z.string().optional(),
      custom_props: z.record(z.string(), z.string()).optional(),
    }),
  ]),
)
export const CustomPropRequest = lazySchema(() =>
  z.object({
    site_id: z.string().min(1),
    property: z.string().min(1).max(300, 'Parameter `property` is too long'),
  }),
)
export const SharedLinkRequest = lazySchema(() =>
  z.object({ site_id: z.string().min(1), name: z.string().min(1) }),
)
export const GuestRequest = lazySchema(() =>
  z.object({
    site_id: z.string().min(1),
    email: z.email(),
    role: z.enum(['viewer', 'editor']),
  }),
)

// ── Requests ──────────────────────────────────────────────────────────────────────────────────────

export interface PageParams {
  /** 1..1000, default 100; keep it constant while paging (§6). */
  limit?: number
  after?: string
  before?: string
}

export interface Page<T> {
  items: T[]
  meta: PageMeta
}

export interface WalkOptions {
  pageSize?: number
  /** Guards against a server that keeps handing out cursors; default 1000 pages. */
  maxPages?: number
}

export interface CreateSiteInput {
  domain: string
  /** IANA zone, default `Etc/UTC` on the server. */
  timezone?: string
  teamId?: string
  trackerScriptConfiguration?: Partial<Omit<TrackerScriptConfiguration, 'id'>>
}

export interface UpdateSiteInput {
  domain?: string
  trackerScriptConfiguration?: Partial<Omit<TrackerScriptConfiguration, 'id'>>
}

export type GoalInput =
  | { goalType: 'event'; eventName: string; displayName?: string; customProps?: Record<string, string> }
  | { goalType: 'page'; pagePath: string; displayName?: string; customProps?: Record<string, string> }

export interface SitesClient {
  list(params?: PageParams & { teamId?: string }): Promise<Page<SiteSummary>>
  /** Every page of `list`: one request per page. */
  listAll(options?: WalkOptions & { teamId?: string }): Promise<SiteSummary[]>
  teams(params?: PageParams): Promise<Page<Team>>
  teamsAll(options?: WalkOptions): Promise<Team[]>
  get(siteId: string): Promise<Site>
  create(input: CreateSiteInput): Promise<Site>
  update(siteId: string, input: UpdateSiteInput): Promise<Site>
  /** Owner only. */
  delete(siteId: string): Promise<{ deleted: true }>
  goals: {
    list(siteId: string, params?: PageParams): Promise<Page<Goal>>
    listAll(siteId: string, options?: WalkOptions): Promise<Goal[]>
    /** Find-or-create: sending an existing goal again answers that goal (§6). */
    findOrCreate(siteId: string, goal: GoalInput): Promise<Goal & { domain: string }>
    delete(siteId: string, goalId: number): Promise<{ deleted: true }>
  }
  customProps: {
    list(siteId: string): Promise<string[]>
    /** Idempotent. */
    add(siteId: string, property: string): Promise<{ created: true }>
    /** Idempotent: also `deleted: true` when the property was not there. */
    remove(siteId: string, property: string): Promise<{ deleted: true }>
  }
  sharedLinks: {
    /** Idempotent by name. */
    findOrCreate(siteId: string, name: string): Promise<SharedLink>
  }
  guests: {
    list(siteId: string, params?: PageParams): Promise<Page<Guest>>
    listAll(siteId: string, options?: WalkOptions): Promise<Guest[]>
    /** Idempotent; an existing guest keeps their role; the server e-mails an invitation. */
    invite(siteId: string, email: string, role: 'viewer' | 'editor'): Promise<Guest>
    /** Idempotent; never removes team members who are not guests. */
    remove(siteId: string, email: string): Promise<{ deleted: true }>
  }
}

/** Follows `meta.after` until it is null; the limit stays the same on every page, as §6 asks. */
export async function walkCursorPages<T>(
  fetchPage: (params: PageParams) => Promise<Page<T>>,
  options: WalkOptions = {},
): Promise<T[]> {
  const limit = options.pageSize ?? 100
  const maxPages = options.maxPages ?? 1000
  const items: T[] = []
  let after: string | undefined
  for (let page = 0; page < maxPages; page++) {
    const result = await fetchPage({ limit, ...(after ? { after } : {}) })
    items.push(...result.items)
    if (!result.meta.after || result.items.length === 0) break
    after = result.meta.after
  }
  return items
}

/**
 * The `*property` glob of DELETE /custom-props (§6): a property may contain `/`. Each segment is encoded and
 * `/` kept, so ordinary proxies pass it; a property with empty segments (leading, trailing or double `/`,
 * which the router would drop) is sent as one segment with `%2F`.
 */
export function customPropPath(property: string): string {
  const segments = property.split('/')
  return segments.some((segment) => segment === '')
    ? encodeURIComponent(property)
    : segments.map(encodeURIComponent).join('/')
}

const pageQuery = (params: PageParams = {}) => ({
  limit: params.limit,
  after: params.after,
  before: params.before,
})

function trackerBody(config: CreateSiteInput['trackerScriptConfiguration']) {
  return config ? { tracker_script_configuration: config } : {}
}

export function createSitesClient(transport: Transport): SitesClient {
  const get = <T>(path: string, query: Record<string, unknown>, schema: z.ZodType<T>, what: string) =>
    transport.json(
      { method: 'GET', path, query: query as Record<string, string>, surface: 'sites' },
      schema,
      what,
    )
  const write = <T>(
    method: 'POST' | 'PUT' | 'DELETE',
    path: string,
    payload: Record<string, unknown>,
    schema: z.ZodType<T>,
    what: string,
  ) =>
    transport.json(
      method === 'DELETE'
        ? { method, path, query: payload as Record<string, string>, surface: 'sites' }
        : { method, path, body: payload, surface: 'sites' },
      schema,
      what,
    )
  const site = (siteId: string) => `/api/v1/sites/${encodeURIComponent(siteId)}`

  const client: SitesClient = {
    async list(params = {}) {
      const page = await get(
        '/api/v1/sites',
        { ...pageQuery(params), team_id: params.teamId },
        SitesPage,
        'the sites list',
      )
      return { items: page.sites.map(({ domain, timezone }) => ({ domain, timezone })), meta: page.meta }
    },
    listAll: (options = {}) =>
      walkCursorPages(
        (params) => client.list({ ...params, ...(options.teamId ? { teamId: options.teamId } : {}) }),
        options,
      ),
    async teams(params = {}) {
      const page = await get('/api/v1/sites/teams', pageQuery(params), TeamsPage, 'the teams list')
      return { items: page.teams, meta: page.meta }
    },
    teamsAll: (options) => walkCursorPages((params) => client.teams(params), options),
    get: (siteId) =>
      transport.json(
        { method: 'GET', path: site(siteId), surface: 'sites', site: siteId },
        Site,
        'the site request',
      ),
    create: (input) =>
      write(
        'POST',
        '/api/v1/sites',
        {
          domain: input.domain,
          ...(input.timezone ? { timezone: input.timezone } : {}),
          ...(input.teamId ? { team_id: input.teamId } : {}),
          ...trackerBody(input.trackerScriptConfiguration),
        },
        Site,
        'the new site',
      ),
    update: (siteId, input) =>
      write(
        'PUT',
        site(siteId),
        {
          ...(input.domain !== undefined ? { domain: input.domain } : {}),
          ...trackerBody(input.trackerScriptConfiguration),
        },
        Site,
        'the site update',
      ),
    delete: async (siteId) => {
      await write('DELETE', site(siteId), {}, Deleted, 'the site deletion')
      return { deleted: true }
    },
    goals: {
      async list(siteId, params = {}) {
        const page = await get(
          '/api/v1/sites/goals',
          { site_id: siteId, ...pageQuery(params) },
          GoalsPage,
          'the goals list',
        )
        return { items: page.goals, meta: page.meta }
      },
      listAll: (siteId, options) => walkCursorPages((params) => client.goals.list(siteId, params), options),
      findOrCreate: (siteId, goal) =>
        write(
          'PUT',
          '/api/v1/sites/goals',
          {
            site_id: siteId,
            goal_type: goal.goalType,
            ...(goal.goalType === 'event' ? { event_name: goal.eventName } : { page_path: goal.pagePath }),
            ...(goal.displayName ? { display_name: goal.displayName } : {}),
            ...(goal.customProps ? { custom_props: goal.customProps } : {}),
          },
          CreatedGoal,
          'the goal',
        ),
      delete: async (siteId, goalId) => {
        await write(
          'DELETE',
          `/api/v1/sites/goals/${encodeURIComponent(String(goalId))}`,
          { site_id: siteId },
          Deleted,
          'the goal deletion',
        )
        return { deleted: true }
      },
    },
    customProps: {
      async list(siteId) {
        const answer = await get(
          '/api/v1/sites/custom-props',
          { site_id: siteId },
          CustomProps,
          'the custom properties list',
        )
        return answer.custom_properties.map(({ property }) => property)
      },
      add: async (siteId, property) => {
        await write(
          'PUT',
          '/api/v1/sites/custom-props',
          { site_id: siteId, property },
          Created,
          'the custom property',
        )
        return { created: true }
      },
      remove: async (siteId, property) => {
        await write(
          'DELETE',
          `/api/v1/sites/custom-props/${customPropPath(property)}`,
          { site_id: siteId },
          Deleted,
          'the custom property deletion',
        )
        return { deleted: true }
      },
    },
    sharedLinks: {
      findOrCreate: (siteId, name) =>
        write('PUT', '/api/v1/sites/shared-links', { site_id: siteId, name }, SharedLink, 'the shared link'),
    },
    guests: {
      async list(siteId, params = {}) {
        const page = await get(
          '/api/v1/sites/guests',
          { site_id: siteId, ...pageQuery(params) },
          GuestsPage,
          'the guests list',
        )
        return { items: page.guests, meta: page.meta }
      },
      listAll: (siteId, options) => walkCursorPages((params) => client.guests.list(siteId, params), options),
      invite: (siteId, email, role) =>
        write('PUT', '/api/v1/sites/guests', { site_id: siteId, email, role }, Guest, 'the guest invitation'),
      remove: async (siteId, email) => {
        await write(
          'DELETE',
          `/api/v1/sites/guests/${encodeURIComponent(email)}`,
          { site_id: siteId },
          Deleted,
          'the guest removal',
        )
        return { deleted: true }
      },
    },
  }
  return client
}
