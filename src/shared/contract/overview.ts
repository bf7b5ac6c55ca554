// Schemas of the sites overview (overview.get): every site of every account as a card with its visitors of
// the last 24 hours, the change against the 24 hours before, an hourly sparkline and the tray's current
// visitors, and per account how the refresh fits its budget. Kept beside calls.ts so it stays a table.
import { z } from 'zod'
import { lazySchema } from '../lazy-schema'

const Alias = lazySchema(() =>
  z.string().regex(/^[a-z0-9][a-z0-9_-]{0,39}$/i, 'An alias is 1–40 letters, digits, - or _'),
)
const Count = lazySchema(() => z.number().int().nonnegative())

/** Why a card (or an account's cards) shows older numbers than its schedule promises. */
export const overviewStaleReasons = ['budget', 'rate-limited', 'error'] as const
export const OverviewStaleReason = lazySchema(() => z.enum(overviewStaleReasons))
export type OverviewStaleReason = z.infer<typeof OverviewStaleReason>

/** A failure kept with the card or account it belongs to; the rest of the overview still shows. */
export const OverviewError = lazySchema(() =>
  z.object({ code: z.string(), message: z.string(), hint: z.string() }),
)
export type OverviewError = z.infer<typeof OverviewError>

/** One hour of the sparkline: the server's label (the site's local time) and its unique visitors. */
export const OverviewHour = lazySchema(() => z.object({ hour: z.string(), visitors: Count }))

export const OverviewCard = lazySchema(() =>
  z.object({
    account: z.string(),
    site: z.string(),
    /** IANA zone of the site (hours are its local hours); null when the site list did not say. */
    timezone: z.string().nullable(),
    /**
     * Visitors of the last 24 hours: this hour so far and the 24 whole hours before it, each hour's unique
     * visitors added up (one request per site: a visitor seen in two hours counts in both). Null: never read.
     */
    visitors: Count.nullable(),
    /** The same count for the 24 whole hours before that window. */
    previousVisitors: Count.nullable(),
    /**
     * Whole percent against previousVisitors, rounded half away from zero; 0 when both are 0; null when
     * there is nothing to compare with (never read, or the 24 hours before had no visitors: a new site).
     */
    change: z.number().int().nullable(),
    /** Hourly, oldest first: the 25 hours of `visitors` (24 whole and this one so far); empty until read. */
    sparkline: z.array(OverviewHour),
    /** The request's range (ISO with the site's offset): the 48 whole hours before this hour and this one. */
    window: z.object({ from: z.string(), to: z.string() }).nullable(),
    /** When these numbers were read (ISO); null: never. */
    asOf: z.string().nullable(),
    /** The tray's last sample of current visitors (no request of its own); null when the tray samples none. */
    currentVisitors: z.object({ visitors: Count, at: z.string() }).nullable(),
    /** Place among the tray's pins (0 first), or null: not pinned. */
    pinIndex: Count.nullable(),
    /** Why the numbers are older than the account's schedule; null when they are as fresh as it allows. */
    stale: OverviewStaleReason.nullable(),
    /** This site's last request failed (its last numbers stay); null when it did not. */
    error: OverviewError.nullable(),
  }),
)
export type OverviewCard = z.infer<typeof OverviewCard>

export const OverviewAccount = lazySchema(() =>
  z.object({
    account: z.string(),
    isDemo: z.boolean(),
    siteCount: Count,
    /** One request per site. Listing the sites again costs one more, at most once an hour. */
    requestsPerRefresh: Count,
    /** Between two refreshes as the budget allows above the reserve; null: nothing to refresh, or never. */
    intervalMs: z.number().int().positive().nullable(),
    lastRefreshAt: z.string().nullable(),
    /** When the next refresh may run (ISO); null when there is nothing to refresh. */
    nextRefreshAt: z.string().nullable(),
    /** A refresh of this account is running now; its cards change when it ends. */
    isRefreshing: z.boolean(),
    /** Why this account's cards are older than its schedule (its budget, a 429, an error); null: they are not. */
    stale: OverviewStaleReason.nullable(),
    /** Why the account could not be read at all (no key, the site list failed); its last cards still show. */
    error: OverviewError.nullable(),
  }),
)
export type OverviewAccount = z.infer<typeof OverviewAccount>

export const OverviewReport = lazySchema(() =>
  z.object({
    generatedAt: z.string(),
    /** Accounts in config order, each account's sites in its list order. */
    cards: z.array(OverviewCard),
    accounts: z.array(OverviewAccount),
    /** Over every account: "23 sites · 23 requests per refresh · next in 12 min". */
    refresh: z.object({
      siteCount: Count,
      requestsPerRefresh: Count,
      nextRefreshAt: z.string().nullable(),
    }),
    /** Said once: the kept numbers could not be read (the file was moved aside) and start afresh. */
    notices: z.array(z.string()).optional(),
  }),
)
export type OverviewReport = z.infer<typeof OverviewReport>

export const OverviewInput = lazySchema(() =>
  z
    .object({
      /** One account's sites; every account's when omitted. */
      account: Alias.optional(),
      /**
       * due (default): refresh the sites whose numbers are older than their account's interval; all: every
       * site whose numbers are older than a minute (a Refresh button); none: only what is kept. Either way a
       * refresh runs only when the budget can pay it.
       */
      refresh: z.enum(['due', 'all', 'none']).optional(),
      /** true: answer after the refresh (the CLI); false (default): answer at once, the refresh runs on. */
      awaitRefresh: z.boolean().optional(),
    })
    .strict(),
)
export type OverviewInput = z.infer<typeof OverviewInput>
