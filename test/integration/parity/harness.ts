// The parity suite's world: sandboxes per mode, the keys, a raw HTTP helper and the case type each table row fills.
import { expect } from 'vitest'
import { createPlausibleClient, type PlausibleClient } from '../../../src/core/api/client'
import { startSandbox, type RunningSandbox } from '../../../src/core/sandbox'
import { PlausibleError, type ErrorCode } from '../../../src/shared/errors'

/** Mon 23 Nov 2026, 14:30 UTC (15:30 in Berlin): no DST edge, mid-hour, so the 429 reset is 15:00 UTC. */
export const now = Date.parse('2026-11-23T14:30:00Z')

export type SandboxName = 'cloud' | 'ce' | 'tiny'
export type KeyName = 'demo' | 'stats' | 'none' | 'bad' | 'lowercase-bearer'

export interface World {
  sandboxes: Record<SandboxName, RunningSandbox>
  close(): Promise<void>
}

export async function startWorld(): Promise<World> {
  const clock = () => now
  // A high limit for the cloud sandbox: every case runs twice and the limit is its own case (tiny).
  const [cloud, ce, tiny] = await Promise.all([
    startSandbox({ port: 0, clock, mode: 'cloud', hourlyLimit: 100_000 }),
    startSandbox({ port: 0, clock, mode: 'ce' }),
    startSandbox({ port: 0, clock, mode: 'cloud', hourlyLimit: 3 }),
  ])
  return {
    sandboxes: { cloud, ce, tiny },
    close: async () => {
      await Promise.all([cloud.close(), ce.close(), tiny.close()])
    },
  }
}

export interface Context {
  sandbox: RunningSandbox
  /** shop.example.com (Europe/Berlin): the site most cases ask about. */
  site: string
  /** docs.example.net: the site whose plan cases switch off and on. */
  planSite: string
  /** 'client' or 'http': cases that create things use it to keep the two runs apart. */
  run: 'client' | 'http'
}

export interface RawRequest {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE'
  path: string
  query?: Record<string, string | number>
  /** JSON-encoded with content-type application/json unless `contentType` says otherwise. */
  body?: unknown
  contentType?: string | null
  headers?: Record<string, string>
}

export interface RawResponse {
  status: number
  headers: Headers
  text: string
  /** Parsed JSON, or undefined when the body is not JSON. */
  json: unknown
}

export function keyOf(sandbox: RunningSandbox, key: KeyName): Record<string, string> {
  switch (key) {
    case 'demo':
      return { authorization: `Bearer ${sandbox.apiKey}` }
    case 'stats':
      return { authorization: `Bearer ${sandbox.statsOnlyKey}` }
    case 'bad':
      return { authorization: 'Bearer wrong-key-0000000000000000000000000000000000000000000000000000000' }
    case 'lowercase-bearer':
      return { authorization: `bearer ${sandbox.apiKey}` }
    case 'none':
      return {}
  }
}

export async function raw(sandbox: RunningSandbox, key: KeyName, request: RawRequest): Promise<RawResponse> {
  const search = new URLSearchParams(
    Object.entries(request.query ?? {}).map(([name, value]) => [name, String(value)]),
  ).toString()
  const headers: Record<string, string> = {
    accept: 'application/json',
    ...keyOf(sandbox, key),
    ...request.headers,
  }
  if (request.body !== undefined && request.contentType !== null)
    headers['content-type'] = request.contentType ?? 'application/json'
  const response = await fetch(`${sandbox.baseUrl}${request.path}${search ? `?${search}` : ''}`, {
    method: request.method,
    headers,
    body:
      request.body === undefined
        ? undefined
        : typeof request.body === 'string'
          ? request.body
          : JSON.stringify(request.body),
  })
  const text = await response.text()
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    json = undefined
  }
  return { status: response.status, headers: response.headers, text, json }
}

export function clientFor(sandbox: RunningSandbox, key: KeyName): PlausibleClient {
  const apiKey =
    key === 'stats' ? sandbox.statsOnlyKey : key === 'bad' ? 'wrong-key-000000000000000000' : sandbox.apiKey
  return createPlausibleClient({ baseUrl: sandbox.baseUrl, apiKey, now: () => now })
}

/** What the raw answer must be: the status, and the exact error text or a check of the body. */
export interface HttpExpectation {
  status: number
  /** `{"error": <this>}` exactly (Stats and Sites APIs). */
  error?: string
  /** The body must equal this (deep). */
  body?: unknown
  /** The body text must equal this (Events API `ok`). */
  text?: string
  headers?: Record<string, string | null>
  check?: (response: RawResponse, context: Context) => void
}

export type ClientExpectation =
  | {
      error: {
        code: ErrorCode
        message?: string | RegExp
        serverMessage?: string
        hint?: string | RegExp
        fieldErrors?: Record<string, string[]>
      }
    }
  | { check: (value: unknown, context: Context) => void | Promise<void> }

export interface ParityCase {
  name: string
  group: 'v2' | 'v1' | 'sites' | 'events' | 'auth' | 'ce'
  sandbox?: SandboxName
  key?: KeyName
  /** Runs before each of the two runs (e.g. switch a plan off); `after` undoes it. */
  before?: (context: Context) => void | Promise<void>
  after?: (context: Context) => void | Promise<void>
  http: RawRequest | ((context: Context) => RawRequest)
  expectHttp: HttpExpectation
  client: (client: PlausibleClient, context: Context) => Promise<unknown>
  expectClient: ClientExpectation
}

export function checkHttp(response: RawResponse, expectation: HttpExpectation, context: Context): void {
  expect(response.status, response.text).toBe(expectation.status)
  if (expectation.error !== undefined) expect(response.json).toEqual({ error: expectation.error })
  if (expectation.body !== undefined) expect(response.json).toEqual(expectation.body)
  if (expectation.text !== undefined) expect(response.text).toBe(expectation.text)
  for (const [name, value] of Object.entries(expectation.headers ?? {}))
    expect(response.headers.get(name), name).toBe(value)
  expectation.check?.(response, context)
}

export async function checkClient(
  run: () => Promise<unknown>,
  expectation: ClientExpectation,
  context: Context,
): Promise<void> {
  if ('check' in expectation) {
    await expectation.check(await run(), context)
    return
  }
  const error = await run().then(
    (value) => new Error(`expected ${expectation.error.code}, got ${JSON.stringify(value)?.slice(0, 200)}`),
    (reason: unknown) => reason,
  )
  if (!(error instanceof PlausibleError)) throw error
  expect(error.code, error.message).toBe(expectation.error.code)
  const { message, serverMessage, hint, fieldErrors } = expectation.error
  if (fieldErrors !== undefined) expect(error.details?.fieldErrors).toEqual(fieldErrors)
  if (typeof message === 'string') expect(error.message).toBe(message)
  if (message instanceof RegExp) expect(error.message).toMatch(message)
  if (serverMessage !== undefined) expect(error.details?.serverMessage).toBe(serverMessage)
  if (typeof hint === 'string') expect(error.hint).toBe(hint)
  if (hint instanceof RegExp) expect(error.hint).toMatch(hint)
}
