// Stats API routes: POST /api/v2/query (§4) and the v1 realtime, aggregate, timeseries and breakdown (§5).
import type { IncomingMessage } from 'node:http'
import { currentVisitors, executeQuery } from '../engine'
import { legacyAggregate, legacyBreakdown, legacyTimeseries, type LegacySource } from '../legacy'
import type { SiteRecord } from '../registry'
import { segmentFilters, segmentsOf } from '../segments'
import { validateQuery } from '../validate'
import { checkStatsAccess, sessionsOf, type SandboxContext } from './context'
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
  const input = bodyObject && bodyObject.site_id === undefined ? { site_id: siteId, ...bodyObject } : body
  // Feature-access failures (custom properties, revenue) are 400 on v2 (402 on v1), §4.9.
  const validation = validateQuery(input, {
    timeZone: site.timezone,
    now,
    statsStartDay: site.firstDay,
    goals: site.goals,
    edition: context.mode,
    withoutMetrics: context.withoutMetrics ?? [],
    customProps: site.plan.customProps,
    segments: segmentFilters(segmentsOf(site)),
  })
  if (!validation.ok) return errorReply(400, validation.error)

  const response = executeQuery(validation.query, {
    timezone: site.timezone,
    goals: site.goals,
    now,
    sessionsBetween: sessionsOf(context, site),
    domain: site.domain,
    imports: site.imports,
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
  // Served as a bare JSON integer (§5).
  return {
    status: 200,
    body: currentVisitors(sessionsOf(context, access.value)(now - 5 * 60_000, now), now),
  }
}

function legacySource(context: SandboxContext, site: SiteRecord): LegacySource {
  return {
    siteId: site.domain,
    timezone: site.timezone,
    goals: site.goals,
    now: context.clock(),
    statsStartDay: site.firstDay,
    allowsCustomProps: site.plan.customProps,
    sessionsBetween: sessionsOf(context, site),
  }
}

function legacyRoute(answer: (params: URLSearchParams, source: LegacySource) => Reply) {
  return (context: SandboxContext, req: IncomingMessage, url: URL): Reply => {
    const access = checkStatsAccess(
      context,
      req.headers.authorization,
      url.searchParams.get('site_id') ?? undefined,
    )
    if (!access.ok) return access.reply
    return answer(url.searchParams, legacySource(context, access.value))
  }
}

export const handleAggregate = legacyRoute(legacyAggregate)
export const handleTimeseries = legacyRoute(legacyTimeseries)
export const handleBreakdown = legacyRoute(legacyBreakdown)
