// The dashboard's segment routes (POST /api/:domain/segments, PATCH and DELETE /api/:domain/segments/:id),
// as the real router mounts them: in the `internal_stats_api` pipeline, whose AuthPlug reads a browser
// session and ignores an Authorization header, then AuthorizeSiteAccess finds no role for a request
// without a user on a private site and answers 404 before any segment is looked at. The sandbox has no
// browser sessions and no public sites, so with or without an API key every such request gets that 404:
// an API key can apply a segment (routes/stats.ts) but never list, create, edit or delete one.
import type { IncomingMessage } from 'node:http'
import type { SandboxContext } from './context'
import { errorReply, readBody, type Reply } from './http'

export const noSessionMessage = 'Site does not exist or user does not have sufficient access.'

export async function handleSegmentRoute(_context: SandboxContext, req: IncomingMessage): Promise<Reply> {
  // The body is read (Plug.Parsers runs first) but nothing in it can change the answer.
  await readBody(req, 1_000_000)
  return errorReply(404, noSessionMessage)
}
