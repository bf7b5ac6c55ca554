// Sites API (§6, cloud only): sites CRUD with cursor pages, teams, goals, custom props, shared links and guests,
// with the scope rule (writes need `sites:provision:*`) and the per-site plan switches.
import type { IncomingMessage } from 'node:http'
import { authMessages } from '../auth'
import { pageOf } from '../paging'
import {
  goalObject,
  maxCustomPropLength,
  maxCustomProps,
  reservedSharedLinkNames,
  siteObject,
  type GuestRole,
  type SiteRecord,
} from '../registry'
import { checkKey, checkScope, planMessages, type Checked, type SandboxContext } from './context'
import { errorReply, readParams, type Params, type Reply } from './http'

export type SitesRoute = (
  context: SandboxContext,
  req: IncomingMessage,
  url: URL,
  path: readonly string[],
) => Reply | Promise<Reply>

const malformedBody = errorReply(400, 'Malformed JSON in request body.')
const siteNotFound = errorReply(404, 'Site could not be found')
const text = (value: unknown): string | null =>
  typeof value === 'string' && value !== '' ? value : typeof value === 'number' ? String(value) : null

/**
 * Site-scoped chain: key valid → rate limit (the site's team bucket, like stats calls) → scope → site_id
 * present (the endpoint's own 400 text) → site exists (404) → locked / plan lacks Sites API (402).
 */
function siteAccess(
  context: SandboxContext,
  req: IncomingMessage,
  siteId: string | null,
  options: { isWrite: boolean; missingSiteId: string },
): Checked<SiteRecord> {
  const key = checkKey(context, req.headers.authorization, authMessages.invalidForSites, true)
  if (!key.ok) return key
  const scope = checkScope(key.value, options.isWrite)
  if (!scope.ok) return scope
  if (siteId === null) return { ok: false, reply: errorReply(400, options.missingSiteId) }
  const site = context.registry.find(siteId)
  if (!site) return { ok: false, reply: siteNotFound }
  if (site.plan.locked) return { ok: false, reply: errorReply(402, planMessages.locked) }
  if (!site.plan.sitesApi) return { ok: false, reply: errorReply(402, planMessages.sitesApi) }
  return { ok: true, value: site }
}

/** Team-level chain (list, teams, create): the key's own bucket, then the scope. */
function teamAccess(context: SandboxContext, req: IncomingMessage, isWrite: boolean): Checked<null> {
  const key = checkKey(context, req.headers.authorization, authMessages.invalidForSites, false)
  if (!key.ok) return key
  const scope = checkScope(key.value, isWrite)
  return scope.ok ? { ok: true, value: null } : scope
}

const decodeSegment = (segment: string | undefined): string => {
  try {
    return decodeURIComponent(segment ?? '')
  } catch {
    return segment ?? ''
  }
}

export const handleListSites: SitesRoute = (context, req, url) => {
  const access = teamAccess(context, req, false)
  if (!access.ok) return access.reply
  const teamId = url.searchParams.get('team_id')
  const sites = teamId !== null && teamId !== context.registry.team.id ? [] : context.registry.sites()
  const { page, meta } = pageOf(sites, (site) => site.id, url.searchParams)
  return {
    status: 200,
    body: { sites: page.map((site) => ({ domain: site.domain, timezone: site.timezone })), meta },
  }
}

export const handleListTeams: SitesRoute = (context, req, url) => {
  const access = teamAccess(context, req, false)
  if (!access.ok) return access.reply
  const { team } = context.registry
  const sites = context.registry.sites()
  const teams = [{ id: team.id, name: team.name, api_available: sites.every((site) => site.plan.statsApi) }]
  const { page, meta } = pageOf(teams, () => 1, url.searchParams)
  return { status: 200, body: { teams: page, meta } }
}

export const handleCreateSite: SitesRoute = async (context, req, url) => {
  const params = await readParams(req, url)
  if (params === null) return malformedBody
  const access = teamAccess(context, req, true)
  if (!access.ok) return access.reply
  if (params.team_id !== undefined && params.team_id !== context.registry.team.id)
    return errorReply(403, "You can't add sites to the selected team.")
  const created = context.registry.create({
    domain: params.domain,
    timezone: params.timezone,
    tracker: params.tracker_script_configuration,
  })
  if (!created.ok) return errorReply(created.status, created.error)
  return { status: 200, body: siteObject(created.value) }
}

export const handleGetSite: SitesRoute = (context, req, _url, path) => {
  const access = siteAccess(context, req, decodeSegment(path[0]), { isWrite: false, missingSiteId: '' })
  if (!access.ok) return access.reply
  return { status: 200, body: siteObject(access.value) }
}

export const handleUpdateSite: SitesRoute = async (context, req, url, path) => {
  const params = await readParams(req, url)
  if (params === null) return malformedBody
  const access = siteAccess(context, req, decodeSegment(path[0]), { isWrite: true, missingSiteId: '' })
  if (!access.ok) return access.reply
  const updated = context.registry.update(access.value, {
    domain: params.domain,
    tracker: params.tracker_script_configuration,
  })
  if (!updated.ok) return errorReply(updated.status, updated.error)
  return { status: 200, body: siteObject(updated.value) }
}

export const handleDeleteSite: SitesRoute = async (context, req, url, path) => {
  if ((await readParams(req, url)) === null) return malformedBody
  const access = siteAccess(context, req, decodeSegment(path[0]), { isWrite: true, missingSiteId: '' })
  if (!access.ok) return access.reply
  context.registry.remove(access.value)
  return { status: 200, body: { deleted: true } }
}

export const handleListGoals: SitesRoute = (context, req, url) => {
  const access = siteAccess(context, req, text(url.searchParams.get('site_id')), {
    isWrite: false,
    missingSiteId: 'Parameter `site_id` is required to list goals',
  })
  if (!access.ok) return access.reply
  const goals = [...access.value.goals].sort((a, b) => b.id - a.id)
  const { page, meta } = pageOf(goals, (goal) => goal.id, url.searchParams)
  return { status: 200, body: { goals: page.map(goalObject), meta } }
}

function stringMap(value: unknown): Record<string, string> | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>).filter(
      (entry): entry is [string, string] => typeof entry[1] === 'string',
    ),
  )
}

export const handlePutGoal: SitesRoute = async (context, req, url) => {
  const params = await readParams(req, url)
  if (params === null) return malformedBody
  const goalText = (param: string): string => `Parameter \`${param}\` is required to create a goal`
  const access = siteAccess(context, req, text(params.site_id), {
    isWrite: true,
    missingSiteId: goalText('site_id'),
  })
  if (!access.ok) return access.reply
  const goalType = params.goal_type
  if (goalType !== 'event' && goalType !== 'page') return errorReply(400, goalText('goal_type'))
  const name = text(params[goalType === 'event' ? 'event_name' : 'page_path'])
  if (name === null) return errorReply(400, goalText(goalType === 'event' ? 'event_name' : 'page_path'))
  const displayName = text(params.display_name)
  const customProps = stringMap(params.custom_props)
  const goal = context.registry.findOrCreateGoal(access.value, {
    ...(goalType === 'event' ? { eventName: name } : { pagePath: name }),
    ...(displayName !== null ? { displayName } : {}),
    ...(customProps ? { customProps } : {}),
  })
  const object = goalObject(goal)
  return {
    status: 200,
    body: {
      id: object.id,
      goal_type: object.goal_type,
      event_name: object.event_name,
      page_path: object.page_path,
      custom_props: object.custom_props,
      domain: access.value.domain,
      display_name: object.display_name,
    },
  }
}

export const handleDeleteGoal: SitesRoute = async (context, req, url, path) => {
  const params = await readParams(req, url)
  if (params === null) return malformedBody
  const access = siteAccess(context, req, text(params.site_id), {
    isWrite: true,
    missingSiteId: 'Parameter `site_id` is required to delete a goal',
  })
  if (!access.ok) return access.reply
  const id = Number(decodeSegment(path[0]))
  if (!Number.isInteger(id) || !context.registry.deleteGoal(access.value, id))
    return errorReply(404, 'Goal could not be found')
  return { status: 200, body: { deleted: true } }
}

export const handleListCustomProps: SitesRoute = (context, req, url) => {
  const access = siteAccess(context, req, text(url.searchParams.get('site_id')), {
    isWrite: false,
    missingSiteId: 'Parameter `site_id` is required to list custom properties',
  })
  if (!access.ok) return access.reply
  // The one Sites API list without pages (§6).
  return {
    status: 200,
    body: { custom_properties: access.value.customProps.map((property) => ({ property })) },
  }
}

export const handlePutCustomProp: SitesRoute = async (context, req, url) => {
  const params = await readParams(req, url)
  if (params === null) return malformedBody
  const access = siteAccess(context, req, text(params.site_id), {
    isWrite: true,
    missingSiteId: 'Parameter `site_id` is required to create a custom property',
  })
  if (!access.ok) return access.reply
  const property = text(params.property)
  if (property === null)
    return errorReply(400, 'Parameter `property` is required to create a custom property')
  if (property.length > maxCustomPropLength) return errorReply(400, 'Parameter `property` is too long')
  const props = access.value.customProps
  if (!props.includes(property)) {
    if (props.length >= maxCustomProps) return errorReply(400, "Can't add any more custom properties")
    props.push(property)
  }
  return { status: 200, body: { created: true } }
}

export const handleDeleteCustomProp: SitesRoute = async (context, req, url, path) => {
  const params = await readParams(req, url)
  if (params === null) return malformedBody
  const access = siteAccess(context, req, text(params.site_id), {
    isWrite: true,
    missingSiteId: 'Parameter `site_id` is required to delete a custom property',
  })
  if (!access.ok) return access.reply
  // The route is a glob: a property may contain `/` (§6).
  const property = path.map(decodeSegment).join('/')
  const props = access.value.customProps
  const index = props.indexOf(property)
  if (index >= 0) props.splice(index, 1)
  return { status: 200, body: { deleted: true } }
}

export const handlePutSharedLink: SitesRoute = async (context, req, url) => {
  const params = await readParams(req, url)
  if (params === null) return malformedBody
  const access = siteAccess(context, req, text(params.site_id), {
    isWrite: true,
    missingSiteId: 'Parameter `site_id` is required to create a shared link',
  })
  if (!access.ok) return access.reply
  const name = text(params.name)
  if (name === null) return errorReply(400, 'Parameter `name` is required to create a shared link')
  const site = access.value
  if (!site.plan.sharedLinks) return errorReply(402, planMessages.sharedLinks)
  if (reservedSharedLinkNames.includes(name) && !site.sharedLinks.has(name))
    return errorReply(400, 'This name is reserved. Please choose another one')
  const slug = context.registry.sharedLinkSlug(site, name)
  return {
    status: 200,
    body: { name, url: `https://plausible.io/share/${encodeURIComponent(site.domain)}?auth=${slug}` },
  }
}

export const handleListGuests: SitesRoute = (context, req, url) => {
  const access = siteAccess(context, req, text(url.searchParams.get('site_id')), {
    isWrite: false,
    missingSiteId: 'Parameter `site_id` is required to list guests',
  })
  if (!access.ok) return access.reply
  // Memberships first, then invitations, newest first within each (as the server's list_people).
  const position = (guest: { status: string; sequence: number }): number =>
    (guest.status === 'accepted' ? 1_000_000_000 : 0) + guest.sequence
  const guests = [...access.value.guests].sort((a, b) => position(b) - position(a))
  const { page, meta } = pageOf(guests, position, url.searchParams)
  return {
    status: 200,
    body: {
      guests: page.map((guest) => ({ email: guest.email, role: guest.role, status: guest.status })),
      meta,
    },
  }
}

export const handlePutGuest: SitesRoute = async (context, req, url) => {
  const params: Params | null = await readParams(req, url)
  if (params === null) return malformedBody
  const access = siteAccess(context, req, text(params.site_id), {
    isWrite: true,
    missingSiteId: 'Parameter `site_id` is required to create guest',
  })
  if (!access.ok) return access.reply
  const email = text(params.email)
  if (email === null) return errorReply(400, 'Parameter `email` is required to create guest')
  const role = params.role
  if (role !== 'viewer' && role !== 'editor')
    return errorReply(
      400,
      'Parameter `role` is required to create guest. Possible values: `viewer` or `editor`',
    )
  const guest = context.registry.invite(access.value, email, role as GuestRole)
  return { status: 200, body: { email: guest.email, role: guest.role, status: guest.status } }
}

export const handleDeleteGuest: SitesRoute = async (context, req, url, path) => {
  const params = await readParams(req, url)
  if (params === null) return malformedBody
  const access = siteAccess(context, req, text(params.site_id), {
    isWrite: true,
    missingSiteId: 'Parameter `site_id` is required to delete guest',
  })
  if (!access.ok) return access.reply
  const email = decodeSegment(path[0])
  // Idempotent, and only guests: the owner's membership is never removed (§6).
  const guests = access.value.guests
  const index = guests.findIndex((guest) => guest.email === email)
  if (index >= 0) guests.splice(index, 1)
  return { status: 200, body: { deleted: true } }
}
