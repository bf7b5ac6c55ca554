// Sites API reads (§6): GET /api/v1/sites with cursor paging, and GET /api/v1/sites/goals for a site.
import type { IncomingMessage } from 'node:http'
import { authMessages } from '../auth'
import { checkKey, type SandboxContext } from './context'
import { errorReply, type Reply } from './http'

const defaultLimit = 100
const maxLimit = 1000

/** Opaque cursors, like the server's: here just the list position, encoded. */
const encodeCursor = (index: number): string => Buffer.from(`sandbox:${index}`).toString('base64url')
function decodeCursor(cursor: string | null): number | null {
  if (cursor === null) return null
  const match = /^sandbox:(\d+)$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'))
  return match ? Number(match[1]) : null
}

function pageOf<T>(
  items: readonly T[],
  url: URL,
): { page: T[]; meta: { after: string | null; before: string | null; limit: number } } {
  const requested = Number(url.searchParams.get('limit') ?? defaultLimit)
  const limit = Number.isInteger(requested) && requested >= 1 ? Math.min(requested, maxLimit) : defaultLimit
  const after = decodeCursor(url.searchParams.get('after'))
  const before = decodeCursor(url.searchParams.get('before'))
  let start = after !== null ? after + 1 : 0
  if (before !== null) start = Math.max(0, before - limit)
  const end = Math.min(items.length, before !== null ? before : start + limit)
  const page = items.slice(start, end)
  return {
    page,
    meta: {
      after: end < items.length && page.length > 0 ? encodeCursor(end - 1) : null,
      before: start > 0 && page.length > 0 ? encodeCursor(start) : null,
      limit,
    },
  }
}

export function handleListSites(context: SandboxContext, req: IncomingMessage, url: URL): Reply {
  const key = checkKey(context, req.headers.authorization, authMessages.invalidForSites)
  if (!key.ok) return key.reply
  const sites = context.dataset.sites.map((site) => ({ domain: site.domain, timezone: site.timezone }))
  const { page, meta } = pageOf(sites, url)
  return { status: 200, body: { sites: page, meta } }
}

export function handleListGoals(context: SandboxContext, req: IncomingMessage, url: URL): Reply {
  const key = checkKey(context, req.headers.authorization, authMessages.invalidForSites)
  if (!key.ok) return key.reply
  const siteId = url.searchParams.get('site_id')
  if (!siteId) return errorReply(400, 'Parameter `site_id` is required to list goals')
  if (!context.dataset.site(siteId)) return errorReply(404, 'Site could not be found')
  const goals = context.goals.map((goal, index) => ({
    id: index + 1,
    display_name: goal.displayName,
    goal_type: goal.eventName !== undefined ? 'event' : 'page',
    event_name: goal.eventName ?? null,
    page_path: goal.pagePath ?? null,
    custom_props: {},
  }))
  const { page, meta } = pageOf(goals, url)
  return { status: 200, body: { goals: page, meta } }
}
