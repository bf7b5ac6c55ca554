// One Events API event as data (plausible-api.md §7): the shape the contract, the journal and the CLI accept.
// Only the types are checked here; the server's field rules (lengths, 30 props, no data: URLs) live in
// `checkEvent` (event-rules.ts), so every face reports them field by field with the same words.
import { z } from 'zod'
import { lazySchema } from '../lazy-schema'

const PropValue = lazySchema(() => z.union([z.string(), z.number(), z.boolean()]))

export const EventInput = lazySchema(() =>
  z
    .object({
      /** `pageview` or a custom event name (the server takes strings and integers). */
      name: z.union([z.string(), z.number()]),
      url: z.string(),
      /** The site's domain; default: the URL's host, as the server does. */
      domain: z.string().optional(),
      referrer: z.string().optional(),
      props: z.record(z.string(), PropValue).optional(),
      /** Revenue goals (plausible.io only); the server discards an invalid one and keeps the event. */
      revenue: z.object({ currency: z.string(), amount: z.union([z.number(), z.string()]) }).optional(),
      interactive: z.boolean().optional(),
      hashMode: z.boolean().optional(),
    })
    .strict(),
)
export type EventInput = z.infer<typeof EventInput>

/** What became of one event: delivered, discarded by the server on a 202, or still journaled for a retry. */
export const EventReceipt = lazySchema(() =>
  z.object({
    status: z.enum(['accepted', 'dropped', 'queued']),
    /** `x-plausible-dropped` (§7): how many events the server discarded (bot, unknown domain, datacenter IP…). */
    dropped: z.number().int().positive().optional(),
    /** The journal job that carried the event; `plausible queue inspect` shows it while it waits. */
    jobId: z.string(),
    /** status queued: why the first try failed and when the next one is due; the journal keeps the event. */
    retry: z.object({ code: z.string(), message: z.string(), nextAttemptAt: z.string() }).optional(),
    /** The idempotency key had been delivered before: this is that delivery's receipt, nothing was sent now. */
    isRepeat: z.boolean().optional(),
  }),
)
export type EventReceipt = z.infer<typeof EventReceipt>
