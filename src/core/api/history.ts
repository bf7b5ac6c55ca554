// The request history behind `plausible debug http`: every exchange this machine has with a Plausible
// server (method, URL, status, duration, bodies cut to a few KB), keys masked, in one file of the config
// dir that every process (the app, each CLI run, `plausible ui`) appends to, one JSON line per exchange:
// a write takes no lock and reads nothing, so a CLI command pays one append, not a read, check and
// rewrite of the whole history. Past a size, the process that crosses it rewrites the file to its last
// exchanges (atomically, under a lock); a line a crash cut short is skipped. Recording wraps the fetch the
// clients use, so it sees what really went out — after the scheduler, never a dry run — and it never fails
// or delays a request: exchanges are written off the request's path, once requests have been quiet for a
// moment (or a few seconds into a busy stretch), when the core closes, and at the latest when the process
// exits.
import { closeSync, fstatSync, ftruncateSync, openSync, readSync, writeFileSync } from 'node:fs'
import { open, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { z } from 'zod'
import { lazySchema } from '../../shared/lazy-schema'
import { HttpExchange } from '../../shared/contract/calls'
import { maskKey } from '../accounts/mask'
import { isErrno, namingFile, writeFileAtomic } from '../budget/atomic-file'
import { withFileLock } from '../budget/file-lock'
import { configDirError, isConfigDirFailure } from '../config-dir'
import type { Clock, Fetch } from '../ports'
import type { SecretRedactor } from '../secrets/redactor'
import { HeaderList } from './buffered-response'
import { processExit, type ExitWatch } from './history-exit'
import { monotonicMs } from '../monotonic-ms'

export type { HttpExchange }

export interface HttpHistoryOptions {
  /** The config dir; the history is `http-history.json` in it. */
  dir: string
  redactor: SecretRedactor
  clock: Clock
  /** Which face records (cli, app, ui), shown beside each exchange. */
  face: string
  /** Exchanges kept, newest last. Default 200. */
  capacity?: number
  /** Characters kept of each body. Default 4,096. */
  bodyLimit?: number
  /** Exchanges are written once no request was recorded for this long. Default 250 ms. */
  flushDelayMs?: number
  /** …or, while requests keep coming, this long after the first one waiting. Default 5 s. */
  maxFlushDelayMs?: number
  /**
   * Past this size the file is rewritten to its newest exchanges that fit in half of it (at most
   * `capacity`), so a file near the size is not rewritten again by every request. Default 1 MiB.
   */
  compactAtBytes?: number
  onWarning?: (message: string) => void
  /** Where the process's exit is watched for (tests hand in their own). */
  exitWatch?: ExitWatch
}

export type HttpExchangeListener = (exchange: HttpExchange) => void

export interface HttpHistory {
  /** A fetch that records each exchange it makes through `inner`. */
  wrap(inner: Fetch): Fetch
  /** The newest first, from every process (this one's pending exchanges written first). */
  list(limit?: number): Promise<HttpExchange[]>
  /** Every exchange as it completes (the CLI's --verbose log). */
  subscribe(listener: HttpExchangeListener): () => void
  /** Writes what is pending; close() of the core calls it. */
  flush(): Promise<void>
  /** Writes what is pending at once, synchronously: for a process that exits without close(). Never throws. */
  flushNow(): void
}

/** What an older version wrote: the whole history as one JSON object (on one line), read as such. */
const WholeHistory = lazySchema(() => z.object({ version: z.literal(1), exchanges: z.array(HttpExchange) }))

/** A batch up to this long (a command's requests) is appended synchronously; see append(). */
const syncAppendChars = 65_536

export function createHttpHistory(options: HttpHistoryOptions): HttpHistory {
  const path = join(options.dir, 'http-history.json')
  const capacity = options.capacity ?? 200
  const bodyLimit = options.bodyLimit ?? 4_096
  const flushDelayMs = options.flushDelayMs ?? 250
  const maxFlushDelayMs = options.maxFlushDelayMs ?? 5_000
  const compactAtBytes = options.compactAtBytes ?? 1_048_576
  const { redactor, clock } = options
  const listeners = new Set<HttpExchangeListener>()
  let pending: HttpExchange[] = []
  /** When the oldest pending exchange was recorded (monotonicMs()). */
  let pendingSince = 0
  let timer: NodeJS.Timeout | null = null
  let writing: Promise<void> = Promise.resolve()
  const exit = (options.exitWatch ?? processExit).watch({ flush: () => flush(), flushNow: () => flushNow() })

  /** Known keys and Bearer tokens masked, then cut; says whether it was cut. */
  function clean(text: string | null): { text: string | null; isTruncated: boolean } {
    if (text === null) return { text: null, isTruncated: false }
    const redacted = redactor.redact(text)
    return redacted.length > bodyLimit
      ? { text: redacted.slice(0, bodyLimit), isTruncated: true }
      : { text: redacted, isTruncated: false }
  }

  function record(exchange: HttpExchange): void {
    for (const listener of listeners) {
      try {
        listener(exchange)
      } catch {
        // A broken log line must not break a request.
      }
    }
    // Only the last `capacity` can be kept: a long run holds no more than that in memory.
    if (pending.length >= capacity) pending.shift()
    pending.push(exchange)
    const now = monotonicMs()
    if (!timer) {
      pendingSince = now
      timer = setTimeout(() => void flush(), flushDelayMs)
      // The CLI exits when its work is done; a pending batch must not hold it open (close() flushes,
      // and so does the exit, see history-exit.ts).
      timer.unref?.()
      exit.pending()
    } else if (now - pendingSince < maxFlushDelayMs) {
      // Quiet for flushDelayMs first: a command's requests are written after its answer, not between them.
      timer.refresh()
    }
  }

  async function readStored(): Promise<HttpExchange[]> {
    let text: string
    try {
      text = await readFile(path, 'utf8')
    } catch (error) {
      if (isErrno(error, 'ENOENT')) return []
      throw namingFile(error, path)
    }
    return parseStored(text)
  }

  /** Each line an exchange (or an older version's whole history); a line that is neither is skipped. */
  function parseStored(text: string): HttpExchange[] {
    const exchanges: HttpExchange[] = []
    let skipped = 0
    for (const line of text.split('\n')) {
      if (line.trim() === '') continue
      let value: unknown
      try {
        value = JSON.parse(line)
      } catch {
        // A line a crash cut short, or not ours.
        skipped += 1
        continue
      }
      const one = HttpExchange.safeParse(value)
      if (one.success) {
        exchanges.push(one.data)
        continue
      }
      const whole = WholeHistory.safeParse(value)
      if (whole.success) exchanges.push(...whole.data.exchanges)
      else skipped += 1
    }
    if (exchanges.length === 0 && skipped > 0)
      options.onWarning?.(`The request history ${path} could not be read; it starts again.`)
    return exchanges.slice(-capacity)
  }

  function takePending(): HttpExchange[] {
    if (timer) clearTimeout(timer)
    timer = null
    const batch = pending
    pending = []
    exit.done()
    return batch
  }

  const lineOf = (exchange: HttpExchange): string => `${JSON.stringify(exchange)}\n`
  const linesOf = (batch: HttpExchange[]): string => batch.map(lineOf).join('')

  /**
   * Appends whole lines: after a line a crash cut short, on a new line; a write that fails (a full disk)
   * is taken back, so no half line is left for the next one to run into. Returns the file's new size.
   * A command's few lines are written with synchronous calls: five of them cost less than one trip of an
   * asynchronous call through libuv's thread pool, and this write sits between a command's answer and its
   * exit. A long-running app's batch of large bodies is written off the main thread.
   */
  async function append(batch: HttpExchange[]): Promise<number> {
    const lines = linesOf(batch)
    if (lines.length <= syncAppendChars) return appendLinesNow(lines)
    const file = await open(path, 'a+', 0o600)
    try {
      const { size } = await file.stat()
      const last = Buffer.alloc(1)
      if (size > 0) await file.read(last, 0, 1, size - 1)
      const text = `${size > 0 && last[0] !== 0x0a ? '\n' : ''}${lines}`
      try {
        await file.writeFile(text)
      } catch (error) {
        await file.truncate(size).catch(() => undefined)
        throw error
      }
      return size + Buffer.byteLength(text)
    } finally {
      await file.close()
    }
  }

  function appendLinesNow(lines: string): number {
    const fd = openSync(path, 'a+', 0o600)
    try {
      const { size } = fstatSync(fd)
      const last = Buffer.alloc(1)
      if (size > 0) readSync(fd, last, 0, 1, size - 1)
      const text = `${size > 0 && last[0] !== 0x0a ? '\n' : ''}${lines}`
      try {
        // Given a descriptor, writeFileSync writes until all of it is written.
        writeFileSync(fd, text)
      } catch (error) {
        ftruncateSync(fd, size)
        throw error
      }
      return size + Buffer.byteLength(text)
    } finally {
      closeSync(fd)
    }
  }

  /**
   * The last `capacity` exchanges, rewritten atomically under the lock (one process at a time). A line
   * another process appends between the read and the rename is lost: a debugging aid may lose a line.
   */
  async function compact(): Promise<void> {
    await withFileLock(`${path}.lock`, async () => {
      const kept = newestLinesWithin((await readStored()).map(lineOf), compactAtBytes / 2)
      await writeFileAtomic(path, kept.join(''), 0o600, { durable: false })
    })
  }

  function flush(): Promise<void> {
    const batch = takePending()
    if (batch.length === 0) return writing
    writing = writing.then(async () => {
      try {
        const size = await append(batch)
        if (size > compactAtBytes) await compact()
      } catch (error) {
        warnNotWritten(namingFile(error, path))
      }
    })
    return writing
  }

  function flushNow(): void {
    const batch = takePending()
    if (batch.length === 0) return
    try {
      appendLinesNow(linesOf(batch))
    } catch (error) {
      warnNotWritten(namingFile(error, path))
    }
  }

  function warnNotWritten(error: unknown): void {
    // Never fails a request: the warning names the file, the cause and the fix, and what is lost.
    const why = isConfigDirFailure(options.dir, error)
      ? configDirError(options.dir, error)
      : {
          message: `The request history ${path} could not be written (${error instanceof Error ? error.message : String(error)}).`,
          hint: null,
        }
    options.onWarning?.(
      `${why.message} The requests were sent; \`plausible debug http\` will not list them.${why.hint ? ` ${why.hint}` : ''}`,
    )
  }

  return {
    wrap(inner) {
      return (async (input, init) => {
        const startedAt = clock()
        const started = monotonicMs()
        // Described when it is recorded, after it was sent: masking and redacting are not on its way out.
        const described = () => {
          const request = describe(input, init)
          const requestBody = clean(request.body)
          return {
            base: {
              at: new Date(startedAt).toISOString(),
              process: options.face,
              method: request.method,
              url: redactor.redact(request.url),
              requestHeaders: maskHeaders(request.headers, redactor),
              requestBody: requestBody.text,
            },
            isBodyTruncated: requestBody.isTruncated,
          }
        }
        let response: Response
        try {
          response = await inner(input, init)
        } catch (error) {
          const { base, isBodyTruncated } = described()
          record({
            ...base,
            status: null,
            durationMs: Math.round(monotonicMs() - started),
            responseBody: null,
            isTruncated: isBodyTruncated,
            error: redactor.redact(error instanceof Error ? error.message : String(error)),
          })
          throw error
        }
        // Read from a copy, after the caller has its answer: recording never holds a request up.
        void response
          .clone()
          .text()
          .catch(() => null)
          .then((text) => {
            const { base, isBodyTruncated } = described()
            const responseBody = clean(text)
            record({
              ...base,
              status: response.status,
              durationMs: Math.round(monotonicMs() - started),
              responseBody: responseBody.text,
              isTruncated: isBodyTruncated || responseBody.isTruncated,
              error: null,
            })
          })
        return response
      }) as Fetch
    },
    async list(limit = 20) {
      // What this process has not written yet goes to the file first: one list, in one order.
      await flush()
      return (await readStored()).reverse().slice(0, limit)
    },
    subscribe(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    flush,
    flushNow,
  }
}

function describe(
  input: Parameters<Fetch>[0],
  init: Parameters<Fetch>[1] = {},
): { method: string; url: string; headers: HeaderList; body: string | null } {
  // Neither fetch's Headers nor its Request is named: the first use of either loads undici
  // (buffered-response.ts). What is neither a string nor a URL is a Request the caller made.
  const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url
  const method = (
    init.method ?? (typeof input === 'string' || input instanceof URL ? 'GET' : input.method)
  ).toUpperCase()
  const body = typeof init.body === 'string' ? init.body : init.body == null ? null : '(binary body)'
  return { method, url, headers: new HeaderList(init.headers), body }
}

/** Authorization shows only its mask; every other header passes the redactor (a key pasted anywhere). */
function maskHeaders(headers: HeaderList, redactor: SecretRedactor): Record<string, string> {
  const result: Record<string, string> = {}
  for (const [name, value] of headers.entries())
    result[name] =
      name === 'authorization'
        ? value.replace(
            /^(\S+\s+)?(.*)$/,
            (_, scheme: string | undefined, token: string) => `${scheme ?? ''}${maskKey(token)}`,
          )
        : redactor.redact(value)
  return result
}

/** The newest lines (the last ones) whose bytes add up to at most `maxBytes`, in their order. */
export function newestLinesWithin(lines: readonly string[], maxBytes: number): string[] {
  let bytes = 0
  let first = lines.length
  while (first > 0) {
    const size = Buffer.byteLength(lines[first - 1]!)
    if (bytes + size > maxBytes) break
    bytes += size
    first -= 1
  }
  return lines.slice(first)
}
