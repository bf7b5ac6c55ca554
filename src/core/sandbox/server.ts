// The sandbox's node:http server: routes requests, applies CORS like the real endpoint, and never throws.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { SandboxContext } from './routes/context'
import { notFound, send, type Reply } from './routes/http'
import { handleListGoals, handleListSites } from './routes/sites'
import { handleQuery, handleRealtimeVisitors } from './routes/stats'

type Route = (context: SandboxContext, req: IncomingMessage, url: URL) => Reply | Promise<Reply>

const routes: Record<string, Route> = {
  'POST /api/v2/query': handleQuery,
  'GET /api/v1/stats/realtime/visitors': handleRealtimeVisitors,
  'GET /api/v1/sites': handleListSites,
  'GET /api/v1/sites/goals': handleListGoals,
  'GET /api/health': () => ({ status: 200, body: { clickhouse: 'ok', postgres: 'ok', sites_cache: 'ok' } }),
  'GET /api/system/health/live': () => ({ status: 200, body: { status: 'ok' } }),
  'GET /api/system/health/ready': () => ({ status: 200, body: { status: 'ok' } }),
}

async function handle(context: SandboxContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  // The real endpoint runs CORSPlug, so browser clients (the renderer in `plausible ui`) can call it directly.
  res.setHeader('access-control-allow-origin', '*')
  if (req.method === 'OPTIONS') {
    res.writeHead(204, {
      'access-control-allow-headers': 'authorization, content-type',
      'access-control-allow-methods': 'GET, POST, PUT, DELETE',
    })
    res.end()
    return
  }
  const url = new URL(req.url ?? '/', 'http://sandbox.invalid')
  const path = url.pathname.length > 1 ? url.pathname.replace(/\/+$/, '') : url.pathname
  const route = routes[`${req.method ?? 'GET'} ${path}`]
  if (!route) {
    req.resume()
    send(res, notFound)
    return
  }
  send(res, await route(context, req, url))
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
