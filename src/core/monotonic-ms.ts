// A monotonic clock in milliseconds, for durations. Not performance.now(): the global `performance`
// loads perf_hooks (about 1.5 ms), a cost every CLI command would pay for one request's duration.
export function monotonicMs(): number {
  return Number(process.hrtime.bigint()) / 1e6
}
