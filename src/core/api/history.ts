// The request history behind `plausible debug http`: every exchange this machine has with a Plausible
// server (method, URL, status, duration, bodies cut to a few KB), keys masked, in one capped file of the
// config dir that every process (the app, each CLI run, `plausible ui`) merges into under a lock and
// rewrites atomically. Recording wraps the fetch the clients use, so it sees what really went out —
// after the scheduler, never a dry run — and it never fails or delays a request: exchanges are written
// off the request's path, once requests have been quiet for a moment (or a few seconds into a busy
// stretch), when the core closes, and at the latest when the process exits.
import { readFileSync } from 'node:fs'
import { readFile, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { z } from 'zod'
import { HttpExchange } from '../../shared/contract/calls'
import { maskKey } from '../accounts/mask'
import {
  identityOf,
  isErrno,
  isSameFileSync,
  namingFile,
  writeFileAtomic,
  writeFileAtomicSync,
  type FileIdentity,
} from '../budget/atomic-file'
import { withFileLock, withFileLockNow } from '../budget/file-lock'
import { configDirError, isConfigDirFailure } from '../config-dir'
import type { Clock, Fetch } from '../ports'
import type { SecretRedactor } from '../secrets/redactor'
import { HeaderList } from './buffered-response'
import { processExit, type ExitWatch } from './history-exit'

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
  /**
   * Writes what is pending at once, without waiting for a lock another process holds (then it is
   * lost): for a process that exits without close(). Never throws.
   */
  flushNow(): void
}

const HistoryFile = z.object({ version: z.literal(1), exchanges: z.array(HttpExchange) })

export function createHttpHistory(options: HttpHistoryOptions): HttpHistory {
  const path = join(options.dir, 'http-history.json')
  const capacity = options.capacity ?? 200
  const bodyLimit = options.bodyLimit ?? 4_096
  const flushDelayMs = options.flushDelayMs ?? 250
  const maxFlushDelayMs = options.maxFlushDelayMs ?? 5_000
  const { redactor, clock } = options
  const listeners = new Set<HttpExchangeListener>()
  let pending: HttpExchange[] = []
  /** When the oldest pending exchange was recorded (performance.now()). */
  let pendingSince = 0
  let timer: NodeJS.Timeout | null = null
  let writing: Promise<void> = Promise.resolve()
  /** What this process wrote last: while the file is still that one, it need not be read and parsed. */
  let written: { file: FileIdentity; exchanges: HttpExchange[] } | null = null
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
    const now = performance.now()
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

  function readStoredNow(): HttpExchange[] {
    let text: string
    try {
      text = readFileSync(path, 'utf8')
    } catch (error) {
      if (isErrno(error, 'ENOENT')) return []
      throw namingFile(error, path)
    }
    return parseStored(text)
  }

  function parseStored(text: string): HttpExchange[] {
    try {
      const parsed = HistoryFile.safeParse(JSON.parse(text))
      if (parsed.success) return parsed.data.exchanges
    } catch {
      // fall through: a history that cannot be read is started again, it only serves debugging
    }
    options.onWarning?.(`The request history ${path} could not be read; it starts again.`)
    return []
  }

  /** The stored exchanges; under the lock. Read again only when another process wrote since this one did. */
  async function storedUnderLock(): Promise<HttpExchange[]> {
    if (written && isSameFileSync(path, written.file)) return written.exchanges
    return readStored()
  }

  function takePending(): HttpExchange[] {
    if (timer) clearTimeout(timer)
    timer = null
    const batch = pending
    pending = []
    exit.done()
    return batch
  }

  function flush(): Promise<void> {
    const batch = takePending()
    if (batch.length === 0) return writing
    writing = writing.then(() =>
      withFileLock(`${path}.lock`, async () => {
        const kept = [...(await storedUnderLock()), ...batch].slice(-capacity)
        // Not synced: a crash may lose the last exchanges, never the file (temp file + rename). The
        // fsync per batch slowed every other write of the config folder, the ledger's among them.
        await writeFileAtomic(path, JSON.stringify({ version: 1, exchanges: kept }), 0o600, {
          durable: false,
        })
        written = { file: identityOf(await stat(path)), exchanges: kept }
      }).catch((error: unknown) => {
        written = null
        warnNotWritten(error)
      }),
    )
    return writing
  }

  function flushNow(): void {
    const batch = takePending()
    if (batch.length === 0) return
    try {
      withFileLockNow(`${path}.lock`, () => {
        const stored = written && isSameFileSync(path, written.file) ? written.exchanges : readStoredNow()
        writeFileAtomicSync(
          path,
          JSON.stringify({ version: 1, exchanges: [...stored, ...batch].slice(-capacity) }),
          0o600,
          { durable: false },
        )
      })
    } catch (error) {
      warnNotWritten(error)
    }
    written = null
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
        const started = performance.now()
        const request = describe(input, init)
        const base = {
          at: new Date(startedAt).toISOString(),
          process: options.face,
          method: request.method,
          url: redactor.redact(request.url),
          requestHeaders: maskHeaders(request.headers, redactor),
        }
        const requestBody = clean(request.body)
        let response: Response
        try {
          response = await inner(input, init)
        } catch (error) {
          record({
            ...base,
            status: null,
            durationMs: Math.round(performance.now() - started),
            requestBody: requestBody.text,
            responseBody: null,
            isTruncated: requestBody.isTruncated,
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
            const responseBody = clean(text)
            record({
              ...base,
              status: response.status,
              durationMs: Math.round(performance.now() - started),
              requestBody: requestBody.text,
              responseBody: responseBody.text,
              isTruncated: requestBody.isTruncated || responseBody.isTruncated,
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
