// Pieces of the stats commands' output schemas that aggregate, breakdown and timeseries share.
import { z } from 'zod'
import { lazySchema } from '../../../shared/lazy-schema'

/** A date range as the server resolved it: ISO datetimes with the site's offset (or the requested range if it did not say). */
export const ResolvedRange = lazySchema(() => z.union([z.tuple([z.string(), z.string()]), z.string()]))

/** --compare: which comparison, its label and the range it covered. */
export const ComparisonPeriod = lazySchema(() =>
  z.object({
    mode: z.enum(['previous_period', 'year_over_year']),
    label: z.string(),
    dateRange: ResolvedRange,
  }),
)
