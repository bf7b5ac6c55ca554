// UTC hour arithmetic: Plausible counts requests in fixed buckets aligned to the UTC hour (plausible-api.md §3).

export const hourMs = 3_600_000

export function utcHourStart(ms: number): number {
  return Math.floor(ms / hourMs) * hourMs
}

export function nextUtcHour(ms: number): number {
  return utcHourStart(ms) + hourMs
}
