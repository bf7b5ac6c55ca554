// The fetch the core sends its API requests with: node:http(s) over kept-alive connections
// (keep-alive-fetch.ts), so a command that sends one request never loads Node's own fetch (undici: 70–200
// ms on this machine on first use, most of what such a command spent on its request). Node's fetch
// follows redirects and node:http does not: an answer that redirects is asked again through fetch, which
// follows it as it always did (a redirect is not an answer the server acted on).
import type { Fetch } from '../ports'
import { createKeepAliveFetch } from './keep-alive-fetch'

/** Requests in flight per server: the scheduler's default concurrency per account, twice over. */
const socketsPerServer = 8

export function createRequestFetch(): Fetch {
  const direct = createKeepAliveFetch({ maxSockets: socketsPerServer })
  return (async (input, init) => {
    const response = await direct(input, init)
    if (response.status >= 300 && response.status <= 399 && response.headers.has('location'))
      return globalThis.fetch(input, init)
    return response
  }) as Fetch
}
