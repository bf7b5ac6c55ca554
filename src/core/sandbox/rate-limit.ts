// The server's hourly request budget per API key (§3): fixed buckets aligned to the UTC hour, no Retry-After.
import { hourMs } from './calendar'

export interface RateLimiter {
  readonly hourlyLimit: number
  /** Counts one request for the key and says whether it is within the limit. The refused ones count too. */
  hit(key: string): { allowed: boolean; count: number }
}

export function createRateLimiter(hourlyLimit: number, clock: () => number): RateLimiter {
  const counters = new Map<string, { bucket: number; count: number }>()
  return {
    hourlyLimit,
    hit(key) {
      // bucket = floor(now_ms / 3_600_000): the counter resets at the top of every UTC hour, not an hour after the first request.
      const bucket = Math.floor(clock() / hourMs)
      const counter = counters.get(key)
      const count = counter && counter.bucket === bucket ? counter.count + 1 : 1
      counters.set(key, { bucket, count })
      return { allowed: count <= hourlyLimit, count }
    },
  }
}

export function rateLimitMessage(hourlyLimit: number): string {
  return `Too many API requests. Your API key is limited to ${hourlyLimit} requests per hour. Please contact us to request more capacity.`
}
