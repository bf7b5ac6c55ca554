// --dry-run: a fetch that describes the request it is given and refuses to send it. Used instead of
// the real fetch (and before the scheduler), so nothing reaches a server and nothing is counted.
import { PlausibleError, type DryRunRequest } from '../../shared/errors'
import { maskKey } from '../accounts/mask'
import type { Fetch } from '../ports'

export const dryRunFetch: Fetch = async (input, init) => {
  throw new PlausibleError('DRY_RUN', { details: { request: describeRequest(input, init) } })
}

export function describeRequest(input: Parameters<Fetch>[0], init: Parameters<Fetch>[1] = {}): DryRunRequest {
  const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url
  const headers: Record<string, string> = {}
  for (const [name, value] of new Headers(init.headers).entries()) {
    headers[name] =
      name === 'authorization'
        ? value.replace(/^(Bearer )(.+)$/, (_, prefix: string, key: string) => `${prefix}${maskKey(key)}`)
        : value
  }
  return { method: (init.method ?? 'GET').toUpperCase(), url, headers, body: parseBody(init.body) }
}

function parseBody(body: unknown): unknown {
  if (body === undefined || body === null) return null
  if (typeof body !== 'string') return String(body)
  try {
    return JSON.parse(body) as unknown
  } catch {
    return body
  }
}
