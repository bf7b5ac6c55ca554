// An answer read whole, as the clients read a Response (status, ok, headers.get, text(), json(),
// arrayBuffer(), clone()), and headers as a plain list with the Headers methods they use. Neither touches
// the classes of Node's fetch: the first use of any of them (Headers, Request, Response, fetch) loads
// undici, 70–200 ms on this machine — most of what a one-request CLI command spent on its request.
import type { Fetch } from '../ports'

type HeadersInit = NonNullable<Parameters<Fetch>[1]>['headers']

/** Headers as Headers keeps them: names lowercased, values of one name joined by ", ", listed by name. */
export class HeaderList {
  private readonly values = new Map<string, string>()

  constructor(init?: HeadersInit) {
    if (!init) return
    // Headers and lists of pairs iterate as pairs; a plain object lists its own.
    const pairs: Iterable<readonly [string, string]> =
      Symbol.iterator in init
        ? (init as Iterable<readonly [string, string]>)
        : Object.entries(init as Record<string, string>)
    for (const [name, value] of pairs) this.append(name, value)
  }

  get(name: string): string | null {
    return this.values.get(name.toLowerCase()) ?? null
  }

  has(name: string): boolean {
    return this.values.has(name.toLowerCase())
  }

  set(name: string, value: string): void {
    this.values.set(name.toLowerCase(), String(value).trim())
  }

  append(name: string, value: string): void {
    const key = name.toLowerCase()
    const known = this.values.get(key)
    this.values.set(key, known === undefined ? String(value).trim() : `${known}, ${String(value).trim()}`)
  }

  delete(name: string): void {
    this.values.delete(name.toLowerCase())
  }

  forEach(each: (value: string, name: string, list: HeaderList) => void): void {
    for (const [name, value] of this.entries()) each(value, name, this)
  }

  entries(): IterableIterator<[string, string]> {
    return [...this.values.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))[Symbol.iterator]()
  }

  keys(): IterableIterator<string> {
    return [...this.entries()].map(([name]) => name)[Symbol.iterator]()
  }

  [Symbol.iterator](): IterableIterator<[string, string]> {
    return this.entries()
  }
}

/** Statuses that carry no body. */
const nullBodyStatuses = new Set([101, 103, 204, 205, 304])

/** The answer, whole: what the clients read of a Response, without the web streams one makes of its body. */
export class BufferedResponse {
  readonly ok: boolean
  readonly redirected = false
  readonly type = 'basic'
  readonly bodyUsed = false
  private readonly bytes: Buffer

  constructor(
    readonly status: number,
    readonly statusText: string,
    readonly headers: HeaderList | Headers,
    bytes: Buffer,
    readonly url: string,
  ) {
    this.ok = status >= 200 && status <= 299
    this.bytes = nullBodyStatuses.has(status) ? Buffer.alloc(0) : bytes
  }

  text(): Promise<string> {
    return Promise.resolve(this.bytes.toString('utf8'))
  }

  json(): Promise<unknown> {
    return this.text().then((text) => JSON.parse(text) as unknown)
  }

  arrayBuffer(): Promise<ArrayBuffer> {
    return Promise.resolve(new Uint8Array(this.bytes).buffer)
  }

  clone(): BufferedResponse {
    return new BufferedResponse(this.status, this.statusText, this.headers, this.bytes, this.url)
  }

  /** As a Response to the clients, which read no more of it than this class has. */
  asResponse(): Response {
    return this as unknown as Response
  }
}
