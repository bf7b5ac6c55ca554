// Stats API routes: POST /api/v2/query (§4) and GET /api/v1/stats/realtime/visitors (§5).
import type { IncomingMessage } from 'node:http'
import { currentVisitors, executeQuery } from '../engine'
import { validateQuery } from '../validate'
import { checkStatsAccess, type SandboxContext } from './context'
import { errorReply, isJsonContentType, readBody, type Reply } from './http'

const maxBodyBytes = 1_000_000

export async function handleQuery(context: SandboxContext, req: IncomingMessage, url: URL): Promise<Reply> {
  // The body is parsed before any auth, as Plug.Parsers runs in the endpoint: a malformed body is a 400 that
  // costs no budget, and a body sent without a JSON content type is simply not read (→ missing site ID).
  let body: unknown = undefined
  if (isJsonContentType(req.headers['content-type'])) {
    const text = await readBody(req, maxBodyBytes)
    if (text === null) return errorReply(413, 'Request body too large.')
    if (text.trim() !== '') {
      try {
        body = JSON.parse(text)
      } catch {
        return errorReply(400, 'Malformed JSON in request body.')
      }
    }
  } else {
    await readBody(req, maxBodyBytes)
  }
  const bodyObject =
    typeof body === 'object' && body !== null && !Array.isArray(body)
      ? (body as Record<string, unknown>)
      : undefined
  const siteId = bodyObject?.site_id ?? url.searchParams.get('site_id') ?? undefined

  const access = checkStatsAccess(context, req.headers.authorization, siteId)
  if (!access.ok) return access.reply
  const site = access.value
  const now = context.clock()
  const statsStartDay = context.dataset.firstDay(site.domain)
  const input = bodyObject && bodyObject.site_id === undefined ? { site_id: siteId, ...bodyObject } : body
  const validation = validateQuery(input, {
    timeZone: site.timezone,
    now,
    statsStartDay,
    goals: context.goals,
  })
  if (!validation.ok) return errorReply(400, validation.error)

  const response = executeQuery(validation.query, {
    timezone: site.timezone,
    goals: context.goals,
    now,
    sessionsBetween: (from, to) => context.dataset.sessionsBetween(site.domain, from, to),
  })
  return { status: 200, body: response }
}

export function handleRealtimeVisitors(context: SandboxContext, req: IncomingMessage, url: URL): Reply {
  const access = checkStatsAccess(
    context,
    req.headers.authorization,
    url.searchParams.get('site_id') ?? undefined,
  )
  if (!access.ok) return access.reply
  const now = context.clock()
  const site = access.value
  // Served as a bare JSON integer (§5).
  return {
    status: 200,
    body: currentVisitors(context.dataset.sessionsBetween(site.domain, now - 5 * 60_000, now), now),
  }
}
