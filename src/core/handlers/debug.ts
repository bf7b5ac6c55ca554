// debug.* — what this machine said to Plausible servers: the request history every process records
// (api/history.ts), newest first, keys masked. Answered from the file: it costs no request.
import type { DomainHandlers, HandlerDeps } from './types'

export function debugHandlers({ history }: HandlerDeps): DomainHandlers<'debug'> {
  return {
    async 'debug.http'({ limit }) {
      return { exchanges: await history.list(limit ?? 20) }
    },
  }
}
