// A scripted fetch for unit tests: routes "METHOD /path" to canned answers and records every request.
import type { Fetch } from '../../../../src/core/ports'

export interface Recorded {
  method: string
  path: string
  search: URLSearchParams
  headers: Record<string, string>
  body: unknown
}

export type Answer = { status: number; body?: unknown; text?: string; headers?: Record<string, string> }

export function fakeServer(routes: Record<string, Answer | ((request: Recorded) => Answer)>): {
  fetch: Fetch
  requests: Recorded[]
} {
  const requests: Recorded[] = []
  const fetch = (async (input: string | URL | Request, init?: RequestInit) => {
    const url = new URL(String(input))
    const headers = Object.fromEntries(
      Object.entries((init?.headers ?? {}) as Record<string, string>).map(([k, v]) => [k.toLowerCase(), v]),
    )
    const request: Recorded = {
      method: init?.method ?? 'GET',
      path: url.pathname,
      search: url.searchParams,
      headers,
      body: typeof init?.body === 'string' ? JSON.parse(init.body) : undefined,
    }
    requests.push(request)
    const route = routes[`${request.method} ${url.pathname}`]
    const answer: Answer =
      typeof route === 'function'
        ? route(request)
        : (route ?? { status: 404, body: { status: 404, message: 'Not Found' } })
    const text = answer.text ?? JSON.stringify(answer.body ?? null)
    return new Response(answer.status === 204 ? null : text, {
      status: answer.status,
      headers: { 'content-type': 'application/json', ...answer.headers },
    })
  }) as Fetch
  return { fetch, requests }
}
