// Schemas of the site icon calls (siteIcons.*): the user's choice to fetch favicons, and one site's icon
// as the window draws it. Off by default: asking for an icon tells the account's server — and through its
// favicon proxy the site itself or DuckDuckGo — which sites this machine looks at.
import { z } from 'zod'
import { lazySchema } from '../lazy-schema'

/** What the Settings card shows: the choice, where icons are kept, and how many are kept now. */
export const SiteIconSettings = lazySchema(() =>
  z.object({
    /** Fetch each site's icon through its account's server (`/favicon/sources/<domain>`). */
    fetch: z.boolean(),
    /** The folder the fetched icons are kept in (removed when fetching is turned off). */
    folder: z.string(),
    cached: z.number().int().nonnegative(),
  }),
)
export type SiteIconSettings = z.infer<typeof SiteIconSettings>

export const SiteIconChange = lazySchema(() => z.object({ fetch: z.boolean() }).strict())

export const SiteIconInput = lazySchema(() =>
  z
    .object({
      account: z
        .string()
        .regex(/^[a-z0-9][a-z0-9_-]{0,39}$/i, 'An alias is 1–40 letters, digits, - or _')
        .optional(),
      /** A site's domain, or a referrer as the Sources panel names it (Google): the server maps it to a host. */
      site: z.string().trim().min(1, 'A site is its domain, e.g. example.com').max(253),
    })
    .strict(),
)

/** One site's icon: an image the page can show without a request of its own (a data: URL), or none. */
export const SiteIcon = lazySchema(() =>
  z.object({
    account: z.string(),
    site: z.string(),
    /** Null: draw the letter tile (fetching is off, the server had none, or it could not be reached). */
    icon: z.object({ contentType: z.string(), dataUrl: z.string() }).nullable(),
    /** off: nothing was asked; cache: kept from an earlier fetch; server: fetched for this answer. */
    from: z.enum(['off', 'cache', 'server']),
    /** When the kept answer was fetched (ISO); null when fetching is off or the server was not reached. */
    fetchedAt: z.string().nullable(),
  }),
)
export type SiteIcon = z.infer<typeof SiteIcon>
