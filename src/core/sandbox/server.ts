// The sandbox's node:http server: routes requests (the Sites API only in cloud mode), applies CORS like the
// real endpoint, and never throws.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { SandboxContext } from './routes/context'
import { handleEvent, handleSandboxEvents } from './routes/events'
import { handleFavicon } from './routes/favicon'
import { notFound, send, type Reply } from './routes/http'
import { handleSegmentRoute } from './routes/segments'
import * as sites from './routes/sites'
import {
  handleAggregate,
  handleBreakdown,
  handleQuery,
  handleRealtimeVisitors,
  handleTimeseries,
} from './routes/stats'

type Route = (
  context: SandboxContext,
  req: IncomingMessage,
  url: URL,
  path: readonly string[],
) => Reply | Promise<Reply>

interface RouteEntry {
  method: string
  /** Segments: literals, `:name` (one segment) or `*` (one or more, glob). */
  pattern: readonly string[]
  handle: Route
  /** The Sites API is wrapped in `on_ee` in the router: CE has no such routes (§1). */
  isCloudOnly?: boolean
}

const route = (method: string, path: string, handle: Route, isCloudOnly = false): RouteEntry => ({
  method,
  pattern: path.split('/').filter(Boolean),
  handle,
  isCloudOnly,
})
const ok =
  (body: unknown): Route =>
  () => ({ status: 200, body })

// Literal routes before parameterised ones: /api/v1/sites/goals is not a site called "goals".
const routes: readonly RouteEntry[] = [
  route('POST', '/api/v2/query', handleQuery),
  route('GET', '/api/v1/stats/realtime/visitors', handleRealtimeVisitors),
  route('GET', '/api/v1/stats/aggregate', handleAggregate),
  route('GET', '/api/v1/stats/timeseries', handleTimeseries),
  route('GET', '/api/v1/stats/breakdown', handleBreakdown),
  route('POST', '/api/event', handleEvent),
  route('GET', '/_sandbox/events', handleSandboxEvents),
  route('GET', '/favicon/sources/*', handleFavicon),
  route('GET', '/api/health', ok({ clickhouse: 'ok', postgres: 'ok', sites_cache: 'ok' })),
  route('GET', '/api/system/health/live', ok({ status: 'ok' })),
  route('GET', '/api/system/health/ready', ok({ status: 'ok' })),
  route('GET', '/api/v1/sites', sites.handleListSites, true),
  route('POST', '/api/v1/sites', sites.handleCreateSite, true),
  route('GET', '/api/v1/sites/teams', sites.handleListTeams, true),
  route('GET', '/api/v1/sites/goals', sites.handleListGoals, true),
  route('PUT', '/api/v1/sites/goals', sites.handlePutGoal, true),
  route('DELETE', '/api/v1/sites/goals/:goal_id', sites.handleDeleteGoal, true),
  route('GET', '/api/v1/sites/custom-props', sites.handleListCustomProps, true),
  route('PUT', '/api/v1/sites/custom-props', sites.handlePutCustomProp, true),
  route('DELETE', '/api/v1/sites/custom-props/*', sites.handleDeleteCustomProp, true),
  route('PUT', '/api/v1/sites/shared-links', sites.handlePutSharedLink, true),
  route('GET', '/api/v1/sites/guests', sites.handleListGuests, true),
  route('PUT', '/api/v1/sites/guests', sites.handlePutGuest, true),
  route('DELETE', '/api/v1/sites/guests/:email', sites.handleDeleteGuest, true),
  route('GET', '/api/v1/sites/:site_id', sites.handleGetSite, true),
  route('PUT', '/api/v1/sites/:site_id', sites.handleUpdateSite, true),
  route('DELETE', '/api/v1/sites/:site_id', sites.handleDeleteSite, true),
  // Segments are managed through a browser session only (routes/segments.ts), on EE and CE alike.
  route('POST', '/api/:domain/segments', handleSegmentRoute),
  route('PATCH', '/api/:domain/segments/:segment_id', handleSegmentRoute),
  route('DELETE', '/api/:domain/segments/:segment_id', handleSegmentRoute),
]

/** The segments captured by `:name` and `*`, or null when the path does not fit the pattern. */
function match(pattern: readonly string[], segments: readonly string[]): string[] | null {
  const captured: string[] = []
  for (let i = 0; i < pattern.length; i++) {
    const part = pattern[i]!
    if (part === '*') return segments.length > i ? [...captured, ...segments.slice(i)] : null
    const segment = segments[i]
    if (segment === undefined) return null
    if (part.startsWith(':')) captured.push(segment)
    else if (part !== segment) return null
  }
  return segments.length === pattern.length ? captured : null
}

async function handle(context: SandboxContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  // The real endpoint runs CORSPlug, so browser clients (the renderer in `plausible ui`) can call it directly.
  res.setHeader('access-control-allow-origin', '*')
  if (req.method === 'OPTIONS') {
    res.writeHead(204, {
      'access-control-allow-headers': 'authorization, content-type',
      'access-control-allow-methods': 'GET, POST, PUT, DELETE',
      'access-control-expose-headers': 'x-plausible-dropped',
    })
    res.end()
    return
  }
  // The Events API is the hot path of an import: its exact path is answered without building a URL.
  if (req.method === 'POST' && req.url === '/api/event') {
    send(res, await handleEvent(context, req))
    return
  }
  const url = new URL(req.url ?? '/', 'http://sandbox.invalid')
  const segments = url.pathname.split('/').filter(Boolean)
  const method = req.method ?? 'GET'
  for (const entry of routes) {
    if (entry.method !== method || (entry.isCloudOnly && context.mode !== 'cloud')) continue
    const captured = match(entry.pattern, segments)
    if (captured) {
      send(res, await entry.handle(context, req, url, captured))
      return
    }
  }
  req.resume()
  send(res, notFound)
}

export function createSandboxServer(context: SandboxContext): Server {
  return createServer((req, res) => {
    handle(context, req, res).catch(() => {
      // Unhandled failures answer like the server's error handler (§4.9).
      if (!res.headersSent)
        send(res, { status: 500, body: { error: 'internal server error', support_hash: 'sandbox' } })
      else res.destroy()
    })
  })
}
