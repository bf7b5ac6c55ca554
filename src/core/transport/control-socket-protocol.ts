// The control socket's wire format, shared by server and client: one JSON object per line.
//   request  {"id": 7, "call": "stats.realtime", "input": {"site": "example.com"}}
//   response {"id": 7, "result": {"ok": true, "value": {...}}}
// A request the server cannot read is answered with id null and a USAGE envelope.
// While a request waits for the budget, the server may send notices before its response:
//   notice   {"id": 7, "notice": {"phase": "waiting", "account": "work", "reason": "hour", "until": …}}
// A client that does not know notices ignores the line (it is not a response frame).
import { z } from 'zod'
import type { Wire } from '../../shared/contract/wire'
import { WaitNotice } from '../queue/wait-notice'
import { lazySchema } from '../../shared/lazy-schema'

/** Longest request line the server reads; a longer one drops the connection (nothing we send is near it). */
export const maxRequestLineBytes = 1024 * 1024

/** Longest response line the client reads; stats results can be large, so this cap is looser. */
export const maxResponseLineBytes = 64 * 1024 * 1024

export const RequestId = lazySchema(() => z.union([z.string().min(1).max(128), z.number().int().safe()]))
export type RequestId = z.infer<typeof RequestId>

export const RequestFrame = lazySchema(() =>
  z
    .object({
      id: RequestId,
      call: z.string().max(128),
      input: z.unknown().optional(),
    })
    .strict(),
)
export type RequestFrame = z.infer<typeof RequestFrame>

const WireErrorShape = lazySchema(() =>
  z.object({
    code: z.string(),
    message: z.string(),
    hint: z.string(),
    details: z.record(z.string(), z.unknown()).optional(),
  }),
)

/** Checked by the client so a confused peer cannot hand it a value that is not an envelope. */
export const ResponseFrame = lazySchema(() =>
  z.object({
    id: RequestId.nullable(),
    result: z.union([
      z.object({ ok: z.literal(true), value: z.unknown() }),
      z.object({ ok: z.literal(false), error: WireErrorShape }),
    ]),
  }),
)

/** A budget wait of request `id`, told before its response (see wait-notice.ts). */
export const NoticeFrame = lazySchema(() => z.object({ id: RequestId, notice: WaitNotice }))
export type NoticeFrame = z.infer<typeof NoticeFrame>

export interface ResponseLine {
  id: RequestId | null
  result: Wire<unknown>
}

export function encodeLine(frame: object): string {
  return `${JSON.stringify(frame)}\n`
}
