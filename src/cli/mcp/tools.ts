// The MCP tools: contract calls, each with the call's own input and output schemas, plus three stats
// shortcuts that build a v2 query with the same builders as `plausible stats`. Which are listed depends
// on the session's flags: reads always, writes with --allow-writes, destructive ones with --allow-destructive.
import { z } from 'zod'
import { lazySchema } from '../../shared/lazy-schema'
import { createHash } from 'node:crypto'
import { calls, type CallName, type PlausibleApi } from '../../shared/contract'
import { callSummaries } from '../../shared/contract/summaries'
import { aggregateQuery, breakdownQuery, timeseriesQuery } from '../../shared/plausible/builders'
import { EventInput, EventReceipt } from '../../shared/plausible/event'
import { DateRange, Filter, Metric, V2QueryFields, V2Response } from '../../shared/plausible/query'
import { metrics, timeDimensions, type Dimension } from '../../shared/plausible/vocabulary'
import { topStatMetrics } from '../../shared/stats/top-stats'

export type ToolAccess = 'read' | 'write' | 'destructive'

export interface McpTool {
  name: string
  access: ToolAccess
  description: string
  /** Validates the arguments (the contract's schema for a call); `account` is taken out first when `takesAccount` is false. */
  input: () => z.ZodType
  /** What tools/list shows, where the validator says less (a v2 query is any object to the contract). */
  shape?: () => z.ZodType
  /** The answer's `result`. */
  output: () => z.ZodType
  /** The call's input has `account` (most do); false: the tool takes one anyway, for the budget it reports. */
  takesAccount: boolean
  /** Reaches a Plausible server (and so the budget); false for the ledger, the journal and the config. */
  spends: boolean
  run(api: PlausibleApi, input: Record<string, unknown>): Promise<unknown>
}

const accountField = lazySchema(() =>
  z
    .string()
    .optional()
    .describe('Account alias (accounts_list shows them); the default account when left out.'),
)

const siteField = lazySchema(() =>
  z.string().min(1).describe('The site domain, e.g. shop.example.com (sites_list shows them).'),
)

const statsNote =
  ` Metrics: ${metrics.join(', ')}. Dimensions: event:page, event:goal, event:name, event:hostname, event:props:<name>, visit:source, visit:channel, visit:referrer, visit:utm_*, visit:device, visit:browser, visit:os, visit:country_name, visit:city_name, visit:entry_page, visit:exit_page, and ${timeDimensions.join(', ')} (time in timeseries only).` +
  ' A query the server would refuse is refused here first, with the JSON pointer of the part at fault; it costs nothing.'

function fromCall(
  call: CallName,
  access: ToolAccess,
  options: { spends: boolean; takesAccount?: boolean; note?: string; shape?: () => z.ZodType },
): McpTool {
  return {
    name: toolNameOf(call),
    access,
    description: `${callSummaries[call]}${options.note ? ` ${options.note}` : ''}`,
    input: () => calls[call].input,
    ...(options.shape ? { shape: options.shape } : {}),
    output: () => calls[call].output,
    takesAccount: options.takesAccount ?? true,
    spends: options.spends,
    run: (api, input) => (api[call] as (input: unknown) => Promise<unknown>)(input),
  }
}

/** `stats.query` → `stats_query`: MCP clients accept letters, digits, `_` and `-` everywhere. */
export function toolNameOf(call: CallName): string {
  return call.replace('.', '_')
}

const ShortcutFields = {
  account: accountField,
  site: siteField,
  date_range: DateRange.optional().describe(
    'day, 24h, 7d, 30d, month, 6mo, 12mo, year, all, or [from, to] (YYYY-MM-DD); default 7d.',
  ),
  filters: z
    .array(Filter)
    .optional()
    .describe('v2 filters, e.g. [["is", "visit:country_name", ["Germany"]]]; all must match.'),
}

const AggregateInput = lazySchema(() =>
  z
    .object({
      ...ShortcutFields,
      metrics: z
        .array(Metric)
        .min(1)
        .optional()
        .describe(`Default: ${topStatMetrics.join(', ')}.`),
    })
    .strict(),
)

const TimeseriesInput = lazySchema(() =>
  z
    .object({
      ...ShortcutFields,
      metrics: z.array(Metric).min(1).optional().describe('Default: visitors.'),
      interval: z
        .enum(timeDimensions)
        .optional()
        .describe('time (the server picks from the range), time:hour, time:day, time:week or time:month.'),
    })
    .strict(),
)

const BreakdownInput = lazySchema(() =>
  z
    .object({
      ...ShortcutFields,
      metrics: z.array(Metric).min(1).optional().describe('Default: visitors.'),
      dimensions: z
        .array(z.string().min(1))
        .min(1)
        .describe('What to group by, e.g. ["visit:source"] or ["event:page"].'),
      limit: z.number().int().min(1).max(10_000).optional().describe('Rows, 1–10000; default 10.'),
    })
    .strict(),
)

type ShortcutInput = z.infer<typeof AggregateInput>

function shortcut<S extends z.ZodObject>(
  name: string,
  description: string,
  schema: S,
  build: (input: z.infer<S>) => z.infer<typeof V2QueryFields>,
): McpTool {
  return {
    name,
    access: 'read',
    description: `${description}${statsNote}`,
    input: () => schema,
    output: () => V2Response,
    takesAccount: true,
    spends: true,
    run: async (api, raw) => {
      // The builders run the server's rules: a refused combination is QUERY_INVALID before any request.
      const input = raw as z.infer<S> & ShortcutInput
      const query = build(input)
      return api['stats.query']({ ...(input.account ? { account: input.account } : {}), query })
    },
  }
}

function common(input: ShortcutInput): { dateRange: DateRange; filters: Filter[] } {
  return { dateRange: input.date_range ?? '7d', filters: input.filters ?? [] }
}

/** The most events one events_import call takes: each is a request of the hour's budget. */
export const importMaxEvents = 100

const ImportInput = lazySchema(() =>
  z
    .object({
      account: accountField,
      events: z
        .array(EventInput)
        .min(1)
        .max(importMaxEvents)
        .describe(
          `1–${importMaxEvents} Events API events, each {"name", "url", "domain"?, "props"?, "revenue"?}.`,
        ),
      userAgent: z.string().min(1).optional().describe("The visitors' browser (the server drops bots)."),
      forwardedFor: z.string().min(1).optional().describe("The visitors' IP for X-Forwarded-For."),
    })
    .strict(),
)

/**
 * events_import: each event through events.send (the crash-safe journal), keyed by the batch's digest and
 * its place in it, so calling again with the same events answers the first receipts and sends nothing.
 */
function importTool(): McpTool {
  return {
    name: 'events_import',
    access: 'write',
    description: `Send up to ${importMaxEvents} Events API events through the crash-safe journal (not counted against the hourly budget); the same batch sent again is not sent twice.`,
    input: () => ImportInput,
    output: () =>
      z.object({
        sent: z.number().int().nonnegative(),
        receipts: z.array(EventReceipt),
      }),
    takesAccount: true,
    // The Events API takes no key: events are not counted against the hourly budget (§7).
    spends: false,
    run: async (api, raw) => {
      const input = raw as z.infer<typeof ImportInput>
      const batch = createHash('sha256').update(JSON.stringify(input.events)).digest('hex').slice(0, 24)
      const receipts = []
      for (const [index, event] of input.events.entries()) {
        receipts.push(
          await api['events.send']({
            ...(input.account ? { account: input.account } : {}),
            event,
            ...(input.userAgent ? { userAgent: input.userAgent } : {}),
            ...(input.forwardedFor ? { forwardedFor: input.forwardedFor } : {}),
            // Not `:`: the journal names its job files after the key.
            idempotencyKey: `mcp-${batch}-${index}`,
          }),
        )
      }
      return { sent: receipts.filter((receipt) => !receipt.isRepeat).length, receipts }
    },
  }
}

/** Every tool there is, each marked read, write or destructive. */
export function allTools(): McpTool[] {
  return [
    fromCall('accounts.list', 'read', {
      spends: false,
      takesAccount: false,
      note: 'Start here: the aliases every other tool takes as `account`.',
    }),
    fromCall('sites.list', 'read', { spends: true }),
    fromCall('sites.get', 'read', { spends: true }),
    fromCall('goals.list', 'read', { spends: true }),
    fromCall('props.list', 'read', { spends: true }),
    fromCall('stats.query', 'read', {
      spends: true,
      note: `Body of POST /api/v2/query: {"site_id", "metrics", "date_range", "dimensions"?, "filters"?, "order_by"?, "include"?, "pagination"?}.${statsNote}`,
      shape: () => z.object({ account: accountField, query: V2QueryFields }).strict(),
    }),
    shortcut(
      'stats_aggregate',
      "A site's totals for a period: one row of metrics (a v2 query with no dimensions).",
      AggregateInput,
      (input) =>
        aggregateQuery(input.site, { metrics: input.metrics ?? [...topStatMetrics], ...common(input) }),
    ),
    shortcut(
      'stats_timeseries',
      "A site's metrics over time, one row per interval, empty intervals included.",
      TimeseriesInput,
      (input) =>
        timeseriesQuery(input.site, {
          metrics: input.metrics ?? ['visitors'],
          ...common(input),
          ...(input.interval ? { interval: input.interval } : {}),
        }),
    ),
    shortcut(
      'stats_breakdown',
      "A site's top values of one or more dimensions (sources, pages, countries…), largest first.",
      BreakdownInput,
      (input) =>
        breakdownQuery(input.site, {
          metrics: input.metrics ?? ['visitors'],
          ...common(input),
          dimensions: input.dimensions as Dimension[],
          limit: input.limit ?? 10,
        }),
    ),
    fromCall('stats.realtime', 'read', { spends: true }),
    fromCall('budget.status', 'read', {
      spends: false,
      note: 'Who spent it: thisHourBySource counts the window (interactive), the CLI and MCP (cli), background refresh and the tray.',
    }),
    fromCall('queue.inspect', 'read', { spends: false }),
    fromCall('doctor.run', 'read', { spends: true }),
    // The Events API takes no key: events are not counted against the hourly budget (§7).
    fromCall('events.send', 'write', { spends: false }),
    importTool(),
    fromCall('sites.create', 'write', { spends: true }),
    fromCall('sites.update', 'write', { spends: true }),
    fromCall('goals.add', 'write', { spends: true }),
    fromCall('props.add', 'write', { spends: true }),
    fromCall('sharedLinks.create', 'write', { spends: true }),
    fromCall('sites.delete', 'destructive', { spends: true, note: 'There is no undo.' }),
    fromCall('goals.remove', 'destructive', { spends: true }),
    fromCall('props.remove', 'destructive', { spends: true }),
  ]
}

/** The tools a session lists: reads, and writes or destructive ones only when its flags allow them. */
export function toolsFor(flags: { allowWrites: boolean; allowDestructive: boolean }): McpTool[] {
  return allTools().filter(
    (tool) =>
      tool.access === 'read' ||
      (tool.access === 'write' && flags.allowWrites) ||
      (tool.access === 'destructive' && flags.allowDestructive),
  )
}
