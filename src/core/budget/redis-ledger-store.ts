// The ledger shared across machines: the same counters in Redis, checked and incremented by one Lua
// script so two machines can never both take the last request of an hour. Keys expire a minute after
// their hour (or day) ends, each hour's sources a minute after it leaves the 24-hour history; expiries are
// relative to the injected clock, so a test's fixed clock works.
import { Redis } from 'ioredis'
import { PlausibleError } from '../../shared/errors'
import {
  historyHourStarts,
  historyHours,
  noSourceCounts,
  type HourCounts,
  type LedgerCounters,
  type LedgerStore,
  type LedgerWhen,
} from './ledger-store'
import { requestPriorities } from './policy'
import { hourMs } from './utc-hour'

const reserveScript = `
local now = tonumber(ARGV[1])
local ceiling = tonumber(ARGV[2])
local daily = tonumber(ARGV[3])
local hour = tonumber(redis.call('GET', KEYS[1]) or '0')
local day = tonumber(redis.call('GET', KEYS[2]) or '0')
local paused = tonumber(redis.call('GET', KEYS[3]) or '0')
local last = tonumber(redis.call('GET', KEYS[4]) or '-1')
if paused > now or hour >= ceiling or (daily >= 0 and day >= daily) then
  return {0, hour, day, paused, last}
end
hour = redis.call('INCR', KEYS[1])
redis.call('PEXPIRE', KEYS[1], ARGV[4])
day = redis.call('INCR', KEYS[2])
redis.call('PEXPIRE', KEYS[2], ARGV[5])
redis.call('HINCRBY', KEYS[5], ARGV[6], 1)
redis.call('PEXPIRE', KEYS[5], ARGV[7])
return {1, hour, day, paused, last}
`

const refundScript = `
for i = 1, 2 do
  if tonumber(redis.call('GET', KEYS[i]) or '0') > 0 then redis.call('DECR', KEYS[i]) end
end
if tonumber(redis.call('HGET', KEYS[3], ARGV[1]) or '0') > 0 then redis.call('HINCRBY', KEYS[3], ARGV[1], -1) end
return 1
`

const pauseScript = `
local current = tonumber(redis.call('GET', KEYS[1]) or '0')
if tonumber(ARGV[1]) > current then redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2]) end
redis.call('SET', KEYS[2], ARGV[3])
return 1
`

const slackMs = 60_000

export interface RedisLedgerStoreOptions {
  /** redis://host:port/db — from PLAUSIBLE_REDIS_URL or the setting. */
  url: string
  /** Prefix of every key; default `plausible:budget`. */
  prefix?: string
}

export function createRedisLedgerStore(options: RedisLedgerStoreOptions): LedgerStore {
  // Fail a command after two reconnect attempts instead of queueing it forever: a budget that cannot be
  // checked must refuse, not hang the window.
  const redis = new Redis(options.url, { maxRetriesPerRequest: 2, lazyConnect: false })
  // ioredis reports connection trouble as 'error' events; commands fail with their own errors ("Reached
  // the max retries…"), so the last connection error is what says why (ECONNREFUSED, ENOTFOUND…).
  let connectionError: unknown = null
  redis.on('error', (error) => (connectionError = error))
  redis.on('ready', () => (connectionError = null))
  const prefix = options.prefix ?? 'plausible:budget'
  const unreachable = (error: unknown): PlausibleError =>
    new PlausibleError('NETWORK', {
      message: `The shared budget in Redis at ${withoutCredentials(options.url)} (PLAUSIBLE_REDIS_URL) did not answer: ${describe(connectionError ?? error)}. Nothing was sent.`,
      hint: "Start that Redis server or fix PLAUSIBLE_REDIS_URL; or unset PLAUSIBLE_REDIS_URL to count this machine's requests on their own.",
      cause: error,
    })
  /** A budget that cannot be checked refuses the request, with an error that names Redis, not the server. */
  const guarded = async <T>(operation: () => Promise<T>): Promise<T> => {
    try {
      return await operation()
    } catch (error) {
      throw error instanceof PlausibleError ? error : unreachable(error)
    }
  }

  function keys(budgetId: string, when: LedgerWhen): [string, string, string, string] {
    const base = `${prefix}:{${budgetId}}`
    return [
      `${base}:hour:${when.hourStart}`,
      `${base}:day:${when.day}`,
      `${base}:pause`,
      `${base}:last-pause`,
    ]
  }

  /** The hash of one hour's counts by source. */
  function sourcesKey(budgetId: string, hourStart: number): string {
    return `${prefix}:{${budgetId}}:sources:${hourStart}`
  }

  function entryFrom(when: LedgerWhen, values: Array<number | string | null>): LedgerCounters {
    const number = (value: number | string | null | undefined): number => Number(value ?? 0)
    const paused = number(values[2])
    const last = values[3] === null || values[3] === undefined ? -1 : number(values[3])
    return {
      hourStart: when.hourStart,
      usedThisHour: number(values[0]),
      day: when.day,
      usedToday: number(values[1]),
      pausedUntil: paused > when.now ? paused : null,
      lastPausedAt: last >= 0 ? last : null,
    }
  }

  return {
    kind: 'redis',
    tryReserve: (request) =>
      guarded(async () => {
        const reply = (await redis.eval(
          reserveScript,
          5,
          ...keys(request.budgetId, request),
          sourcesKey(request.budgetId, request.hourStart),
          request.now,
          request.hourCeiling,
          request.dailyLimit ?? -1,
          Math.max(1, request.hourEndsAt - request.now + slackMs),
          Math.max(1, request.dayEndsAt - request.now + slackMs),
          request.source,
          // The hour stays in the history until 24 hours after it started, i.e. 23 after it ends.
          Math.max(1, request.hourEndsAt + (historyHours - 1) * hourMs - request.now + slackMs),
        )) as number[]
        return { granted: reply[0] === 1, entry: entryFrom(request, reply.slice(1)) }
      }),
    refund: (budgetId, source, when) =>
      guarded(async () => {
        const [hour, day] = keys(budgetId, when)
        await redis.eval(refundScript, 3, hour, day, sourcesKey(budgetId, when.hourStart), source)
      }),
    pause: (budgetId, until, when) =>
      guarded(async () => {
        const [, , pause, last] = keys(budgetId, when)
        await redis.eval(pauseScript, 2, pause, last, until, Math.max(1, until - when.now), when.now)
      }),
    read: (budgetId, when) =>
      guarded(async () => {
        // One transaction, so the hour's total and its sources come from the same instant.
        const starts = historyHourStarts(when)
        const transaction = redis.multi().mget(...keys(budgetId, when))
        for (const start of starts) transaction.hgetall(sourcesKey(budgetId, start))
        const replies = (await transaction.exec()) ?? []
        const failed = replies.find(([error]) => error !== null)
        if (failed?.[0]) throw failed[0]
        const [counters, ...hashes] = replies.map(([, value]) => value)
        const hours: HourCounts[] = []
        starts.forEach((hourStart, index) => {
          const hash = (hashes[index] ?? {}) as Record<string, string>
          const bySource = noSourceCounts()
          for (const source of requestPriorities) bySource[source] = Number(hash[source] ?? 0)
          if (requestPriorities.some((source) => bySource[source] > 0)) hours.push({ hourStart, bySource })
        })
        return { ...entryFrom(when, counters as Array<string | null>), hours }
      }),
    forget: (budgetId, when) =>
      guarded(async () => {
        // Earlier hours' and days' counters expire on their own; the history's hours are all deleted.
        await redis.del(
          ...keys(budgetId, when),
          ...historyHourStarts(when).map((start) => sourcesKey(budgetId, start)),
        )
      }),
    async close() {
      await redis.quit().catch(() => redis.disconnect())
    },
  }
}

/** redis://user:secret@host:6379/0 → redis://***@host:6379/0: a message may be logged or pasted. */
export function withoutCredentials(url: string): string {
  try {
    const parsed = new URL(url)
    if (!parsed.username && !parsed.password) return url
    parsed.username = '***'
    parsed.password = ''
    return parsed.toString()
  } catch {
    return 'the configured URL'
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
