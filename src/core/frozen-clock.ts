// PLAUSIBLE_FROZEN_TIME: a clock stopped at one instant, for tests and reproducible runs. Its own
// module, so the CLI reads "now" as the core does without loading the core.
import type { Clock } from './ports'

/**
 * PLAUSIBLE_FROZEN_TIME=<ISO 8601>: every clock of this process stands still at that instant, so tests
 * (and screenshots) that spend a budget never straddle the top of a UTC hour. Not for everyday use.
 */
export function frozenClockFrom(env: Record<string, string | undefined>): Clock | undefined {
  const frozen = env.PLAUSIBLE_FROZEN_TIME ? Date.parse(env.PLAUSIBLE_FROZEN_TIME) : Number.NaN
  return Number.isNaN(frozen) ? undefined : () => frozen
}
