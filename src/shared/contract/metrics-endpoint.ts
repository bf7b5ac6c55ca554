// Schemas of the app's /metrics endpoint (metricsEndpoint.*, issue 18): the user's choice to serve the
// numbers of `plausible metrics` over HTTP, where, and what the endpoint is doing now. Off by default;
// loopback only unless the user lets other machines in (the endpoint has no authentication).
import { z } from 'zod'
import { lazySchema } from '../lazy-schema'

/** `host:port` or `[v6]:port`; the core checks the rest (the port's range, loopback) with words. */
const ListenAddressText = lazySchema(() =>
  z
    .string()
    .trim()
    .max(300)
    .regex(
      /^(?:\[[0-9A-Fa-f:.]+\]|[^:[\]\s]+):\d{1,5}$/,
      'An address is host:port, e.g. 127.0.0.1:9464 (or [::1]:9464)',
    ),
)

/** What glance.json keeps. */
export const MetricsEndpointSettings = lazySchema(() =>
  z.object({
    /** Serve GET /metrics while the app (or `plausible ui`) runs. */
    enabled: z.boolean(),
    /** Where: host:port; port 0 picks a free one at each start. */
    address: ListenAddressText,
    /** Let an address other machines can reach be used (as the CLI's --allow-non-loopback). */
    allowNonLoopback: z.boolean(),
  }),
)
export type MetricsEndpointSettings = z.infer<typeof MetricsEndpointSettings>

export const MetricsEndpointChange = lazySchema(() => MetricsEndpointSettings.partial().strict())

/** What the Settings card shows: the choice, and what this process is doing about it. */
export const MetricsEndpointStatus = lazySchema(() =>
  MetricsEndpointSettings.extend({
    /**
     * off: not wanted. serving: answering at `url`. failed: wanted, but the address could not be listened
     * on (`error` says why). waiting: wanted, served when the app or `plausible ui` runs (this process,
     * a one-off CLI command, serves nothing).
     */
    state: z.enum(['off', 'serving', 'failed', 'waiting']),
    /** Where the scraper reads, e.g. http://127.0.0.1:9464/metrics; null unless serving. */
    url: z.string().nullable(),
    /** Why it is not serving although wanted; null otherwise. */
    error: z.object({ code: z.string(), message: z.string(), hint: z.string() }).nullable(),
  }),
)
export type MetricsEndpointStatus = z.infer<typeof MetricsEndpointStatus>
