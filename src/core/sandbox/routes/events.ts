// POST /api/event (§7, no key) and the test-only GET /_sandbox/events (demo key) that shows what arrived.
import type { IncomingMessage } from 'node:http'
import { maxEventBodyBytes } from '../../../shared/plausible/event-request'
import { authenticate, authMessages } from '../auth'
import { clientIp } from '../ingest'
import type { SandboxContext } from './context'
import { errorReply, readBody, type Reply } from './http'

export async function handleEvent(context: SandboxContext, req: IncomingMessage): Promise<Reply> {
  const body = await readBody(req, maxEventBodyBytes)
  const userAgent = req.headers['user-agent'] ?? ''
  const result = context.events.ingest(
    {
      body,
      userAgent,
      ip: clientIp(req.headers, req.socket.remoteAddress ?? '127.0.0.1'),
      ...(req.headers['content-type'] ? { contentType: req.headers['content-type'] } : {}),
    },
    {
      findSite: (domain) => context.registry.find(domain),
      acceptsRevenue: context.mode === 'cloud',
      clock: context.clock,
    },
  )
  if (result.status === 400) return { status: 400, body: { errors: result.errors } }
  // Plain-text `ok`, not JSON; drops are still 202 and only the header tells (§7).
  return {
    status: 202,
    text: 'ok',
    ...(result.dropped > 0 ? { headers: { 'x-plausible-dropped': String(result.dropped) } } : {}),
  }
}

/**
 * GET /_sandbox/events: `{received, accepted, dropped, rejected, events: [...]}` for tests in other processes
 * (the budget engineer's "delivered exactly once"). Only the demo key may read it; it is never rate-limited.
 */
export function handleSandboxEvents(context: SandboxContext, req: IncomingMessage): Reply {
  const auth = authenticate(req.headers.authorization, [context.demoKey])
  if (auth.kind === 'missing') return errorReply(401, authMessages.missing)
  if (auth.kind === 'invalid') return errorReply(401, authMessages.invalidForSites)
  return { status: 200, body: { ...context.events.counts(), events: context.events.accepted() } }
}
