// --verbose and --log json: what the CLI does, as it does it, on stderr only (stdout stays the result).
// One line per event — the command, the way it reached the core, every contract call, every HTTP
// exchange and job event of an in-process core — as text for people or one JSON object per line.
// Every line passes the secret redactor first: Bearer tokens and any key the process knows are masked.
import type { PlausibleApi } from '../shared/contract'
import { PlausibleError } from '../shared/errors'
import { createSecretRedactor, type SecretRedactor } from '../core/secrets/redactor'
import type { LogFormat } from './flags/log-format'

export { logFormats, type LogFormat } from './flags/log-format'

export interface Logger {
  readonly isEnabled: boolean
  /** One event: a short name (`call`, `http`, `job`…) and its fields. */
  log(event: string, fields?: Record<string, unknown>): void
  /** A key this process will hold (PLAUSIBLE_API_KEY): it is masked in every later line. */
  remember(secret: string | undefined): void
}

export const silentLogger: Logger = {
  isEnabled: false,
  log: () => undefined,
  remember: () => undefined,
}

export function createLogger(options: {
  stream: NodeJS.WritableStream
  format: LogFormat
  clock?: () => number
  redactor?: SecretRedactor
}): Logger {
  const clock = options.clock ?? Date.now
  const redactor = options.redactor ?? createSecretRedactor()
  return {
    isEnabled: true,
    log(event, fields = {}) {
      const at = new Date(clock()).toISOString()
      const line =
        options.format === 'json'
          ? JSON.stringify({ at, level: 'debug', event, ...fields })
          : `[${at.slice(11, 23)}] ${event} ${Object.entries(fields)
              .filter(([, value]) => value !== undefined && value !== null)
              .map(([name, value]) => `${name}=${typeof value === 'string' ? value : JSON.stringify(value)}`)
              .join(' ')}`.trimEnd()
      options.stream.write(`${redactor.redact(line)}\n`)
    },
    remember: (secret) => redactor.remember(secret),
  }
}

/** The logger the global flags ask for: --log json (or text), or --verbose for text; silent otherwise. */
export function loggerFromFlags(
  flags: { verbose?: boolean; log?: LogFormat },
  stream: NodeJS.WritableStream,
): Logger {
  if (!flags.verbose && !flags.log) return silentLogger
  return createLogger({ stream, format: flags.log ?? 'text' })
}

/**
 * The same API, logging each call's name, duration and outcome. Inputs are not logged: some carry a key
 * (accounts.add), and the HTTP lines already show what was sent, masked.
 */
export function loggedApi(api: PlausibleApi, logger: Logger): PlausibleApi {
  if (!logger.isEnabled) return api
  return new Proxy(api, {
    get(target, name, receiver) {
      const call = Reflect.get(target, name, receiver) as unknown
      if (typeof name !== 'string' || typeof call !== 'function') return call
      return async (input: unknown) => {
        const started = performance.now()
        try {
          const value = await (call as (input: unknown) => Promise<unknown>)(input)
          logger.log('call', { call: name, ok: true, ms: Math.round(performance.now() - started) })
          return value
        } catch (error) {
          logger.log('call', {
            call: name,
            ok: false,
            ms: Math.round(performance.now() - started),
            code: error instanceof PlausibleError ? error.code : 'INTERNAL',
          })
          throw error
        }
      }
    },
  })
}
