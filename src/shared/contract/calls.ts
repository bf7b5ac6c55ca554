// The contract: every call the window, the tray and the CLI can make, declared once with its schemas.
// Hosts (IPC, control socket, `plausible ui`) and clients are all derived from this table.
import { z } from 'zod'
import { EventInput, EventReceipt } from '../plausible/event'
import { V2Query, V2Response } from '../plausible/query'
import {
  CapabilityReport,
  DoctorReport,
  GoalView,
  GuestRole,
  GuestView,
  SiteDetails,
  SiteDomain,
  TimeZone,
  TrackerScriptSettings,
} from './site-management'
import { AlertSettings, PinList, RealtimeHistory, TraySettings, TrayState } from './glance'
import { OverviewInput, OverviewReport } from './overview'
import { SiteIcon, SiteIconChange, SiteIconInput, SiteIconSettings } from './site-icons'
import { Report, ReportCompareMode, ReportPeriod, ReportScope } from '../report/model'
import {
  ReportScheduleInput,
  ReportSchedule,
  ReportSchedules,
  ReportSchedulesRunResult,
} from '../report/schedule'
import type { CallName } from './names'
import { callSummaries, debugHttpMaxLimit } from './summaries'
import { lazySchema } from '../lazy-schema'
import * as fastPaths from '../schema-fast-path/generated'
import { withFastPath } from '../schema-fast-path/runtime'
import { McpConfigReport } from './mcp-config'
import { ComparedImport } from '../imports/import-comparison'
import { Annotation, AnnotationDate, AnnotationKind, AnnotationText } from '../annotations/annotation'
import { ImportRecord } from '../imports/import-record'
import { ImportId, ImportStart } from '../imports/import-start'
import { MetricsEndpointChange, MetricsEndpointStatus } from './metrics-endpoint'

const AccountAlias = lazySchema(() =>
  z
    .string()
    .regex(
      /^[a-z0-9][a-z0-9_-]{0,39}$/i,
      'An alias is 1–40 letters, digits, - or _, starting with a letter or digit',
    ),
)

/** Which account a call uses; the default account when omitted. */
const AccountRef = lazySchema(() => z.object({ account: AccountAlias.optional() }).strict())

export const KeySource = lazySchema(() => z.enum(['keychain', 'file', 'env', 'demo', 'none']))
export type KeySource = z.infer<typeof KeySource>

export const AccountSummary = lazySchema(() =>
  z.object({
    alias: AccountAlias,
    baseUrl: z.string(),
    isDefault: z.boolean(),
    isDemo: z.boolean(),
    hourlyLimit: z.number().int().positive(),
    /** Requests per local day; absent when the account has no daily cap. */
    dailyCap: z.number().int().positive().optional(),
    keySource: KeySource,
    /** At most the first and last four characters (`abcd…wxyz`); never the key. */
    maskedKey: z.string().nullable(),
    /** The user agreed to send this account's key over plain http (a base URL that is not https or loopback). */
    allowInsecureHttp: z.boolean().optional(),
  }),
)
export type AccountSummary = z.infer<typeof AccountSummary>

/** Where new keys are written on this machine: the OS keychain, or 0600 files where none answers. */
export const KeyStoreStatus = lazySchema(() =>
  z.object({
    backend: z.enum(['keychain', 'file', 'memory']),
    /** Why this backend when it is not the keychain by default (the fallback reason, or the forcing variable). */
    note: z.string().nullable(),
    /** The folder of the key files; null for the keychain. */
    folder: z.string().nullable(),
  }),
)
export type KeyStoreStatus = z.infer<typeof KeyStoreStatus>

/**
 * An API key on its way in (accounts.add / accounts.rotate). It travels once, in the call's input;
 * no output schema has a field for it, and validation messages never quote it.
 */
const ApiKeyInput = lazySchema(() =>
  z
    .string()
    .trim()
    .min(16, 'An API key has at least 16 characters')
    .max(512, 'An API key has at most 512 characters')
    .regex(/^[\x21-\x7e]+$/, 'An API key is printable ASCII without spaces'),
)

const PositiveCount = lazySchema(() => z.number().int().positive())

/** Account settings as `accounts.export` writes them: everything but the key. */
export const ExportedAccount = lazySchema(() =>
  z.object({
    alias: AccountAlias,
    baseUrl: z.string(),
    hourlyLimit: PositiveCount,
    dailyCap: PositiveCount.optional(),
    isDefault: z.boolean(),
    isDemo: z.boolean(),
    /** Consent to send the key over plain http travels with the account it was given for. */
    allowInsecureHttp: z.boolean().optional(),
  }),
)
export type ExportedAccount = z.infer<typeof ExportedAccount>

/**
 * An account to restore, as `accounts.export` writes it or config.json holds it (a copy set aside
 * included): everything but the key, which stays in the key store under the alias.
 */
export const ImportedAccount = lazySchema(() =>
  z.object({
    alias: AccountAlias,
    baseUrl: z.string().min(1),
    hourlyLimit: PositiveCount.optional(),
    dailyCap: PositiveCount.optional(),
    isDemo: z.boolean().optional(),
    allowInsecureHttp: z.boolean().optional(),
  }),
)
export type ImportedAccount = z.infer<typeof ImportedAccount>

export const Site = lazySchema(() => z.object({ domain: z.string(), timezone: z.string() }))
export type Site = z.infer<typeof Site>

/** Who asked, most urgent first: the window, the CLI, a background refresh, the tray's poll. */
export const requestPriorities = ['interactive', 'cli', 'background', 'tray'] as const
export type RequestPriority = (typeof requestPriorities)[number]

/** Requests per source: the window (interactive), the CLI, background refresh and tray polling. */
export const RequestsBySource = lazySchema(() =>
  z.object({
    interactive: z.number().int().nonnegative(),
    cli: z.number().int().nonnegative(),
    background: z.number().int().nonnegative(),
    tray: z.number().int().nonnegative(),
  }),
)
export type RequestsBySource = z.infer<typeof RequestsBySource>

export const BudgetSnapshot = lazySchema(() =>
  z.object({
    account: z.string(),
    hourlyLimit: z.number().int().nonnegative(),
    usedThisHour: z.number().int().nonnegative(),
    remainingThisHour: z.number().int().nonnegative(),
    /** Start of the current UTC hour bucket (ISO 8601). */
    hourStartedAt: z.string(),
    /** The top of the next UTC hour, when the server resets its counter (plausible-api.md §3). */
    resetsAt: z.string(),
    /** Set after a 429: no request is sent to this account until then. */
    pausedUntil: z.string().nullable(),
    /** Requests of each hour that background refresh and tray polling leave to the window and the CLI. */
    reservedForInteractive: z.number().int().nonnegative().optional(),
    /** The daily cap (requests per local day); null when there is none. */
    dailyLimit: z.number().int().positive().nullable().optional(),
    usedToday: z.number().int().nonnegative().optional(),
    /** null when there is no daily cap. */
    remainingToday: z.number().int().nonnegative().nullable().optional(),
    /** The next local midnight (ISO 8601), when the day's count starts again. */
    dayResetsAt: z.string().optional(),
    /** The last time the server answered 429 for this key (ISO 8601), kept after the pause ends. */
    lastPausedAt: z.string().nullable().optional(),
    /** Who shares these counts: this process only (Demo), every process on this machine, or every machine on one Redis. */
    sharedThrough: z.enum(['process', 'file', 'redis']).optional(),
    /**
     * Who spent this hour's requests. They add up to usedThisHour, except in the hour a ledger written by
     * an older version began counting sources.
     */
    thisHourBySource: RequestsBySource.optional(),
    /** The last 24 UTC hours, oldest first, the current one last; hours that counted nothing are zeros. */
    hours: z.array(z.object({ hourStartedAt: z.string(), bySource: RequestsBySource })).optional(),
  }),
)
export type BudgetSnapshot = z.infer<typeof BudgetSnapshot>

/**
 * A read's choice when the hour (or day) cannot afford it: true (default) waits for the reset, false
 * fails at once with BUDGET_EXHAUSTED and the reset time (the CLI's --no-wait).
 */
const Wait = lazySchema(() => z.boolean().optional())

/** stats.query's input: every read of the stats, so its check has a fast path (schema-fast-path). */
export const StatsQueryInput = withFastPath(
  lazySchema(() => z.object({ account: AccountAlias.optional(), query: V2Query, wait: Wait }).strict()),
  fastPaths.StatsQueryInput,
)

const QueueJob = lazySchema(() =>
  z.object({
    id: z.string(),
    kind: z.string(),
    account: z.string(),
    state: z.enum(['waiting', 'in-flight', 'failed']),
    attempts: z.number().int().nonnegative(),
    createdAt: z.string(),
    /** When the next try is due (a backoff or a budget reset); null when due now or in flight. */
    nextAttemptAt: z.string().nullable(),
    lastError: z.object({ code: z.string(), message: z.string(), at: z.string() }).nullable(),
    /**
     * A crash cut a send of this job short: the server may already have it, so it may arrive twice (the
     * Events API has no idempotency key; at-least-once is the floor).
     */
    possiblyDelivered: z.boolean(),
  }),
)

/** A job file of the write journal that could not be read, set aside until deleted or retried. */
export const CorruptJobFile = lazySchema(() =>
  z.object({
    /** Its name in the folder: `<job id>.json.<ms when moved>`. */
    name: z.string(),
    path: z.string(),
    /** The job id its name carries; null when the name does not say. */
    jobId: z.string().nullable(),
    movedAt: z.string(),
    bytes: z.number().int().nonnegative(),
  }),
)
export type CorruptJobFile = z.infer<typeof CorruptJobFile>

export const CorruptJobs = lazySchema(() =>
  z.object({
    /** Where the journal keeps them (`<config>/queue/corrupt`). */
    folder: z.string(),
    files: z.array(CorruptJobFile),
  }),
)
export type CorruptJobs = z.infer<typeof CorruptJobs>

/** The unreadable job files to act on, by name; none named means all of them. */
const CorruptJobNames = lazySchema(() =>
  z.object({ names: z.array(z.string().min(1).max(200)).max(1000).optional() }).strict(),
)

export const QueueInspection = lazySchema(() =>
  z.object({
    /** This process delivers the write journal; otherwise another one (the app) does. */
    isDelivering: z.boolean(),
    /**
     * Who delivers it, as `queue/worker.lock` says: this process, another live one (pid, host, since), a lock
     * being written (settling), one whose holder is gone (stale, and why), or nobody (free).
     */
    worker: z.object({
      lock: z.string(),
      state: z.enum(['this-process', 'held', 'settling', 'stale', 'free']),
      pid: z.number().int().nullable(),
      host: z.string().nullable(),
      since: z.string().nullable(),
      reason: z.enum(['dead', 'rebooted', 'unreadable', 'old']).nullable(),
    }),
    pending: z.number().int().nonnegative(),
    inFlight: z.number().int().nonnegative(),
    failed: z.number().int().nonnegative(),
    /** Jobs a crash cut short in the last day, sent again since or still pending: possibly delivered twice. */
    possiblyDelivered: z.number().int().nonnegative(),
    /** Job files that could not be read; they stay counted until deleted or retried. */
    corrupt: CorruptJobs,
    jobs: z.array(QueueJob),
    /** API requests per account in this process: queued for a turn, running, waiting for a reset or backoff. */
    requests: z.array(
      z.object({
        account: z.string(),
        queued: z.number().int().nonnegative(),
        running: z.number().int().nonnegative(),
        waiting: z.number().int().nonnegative(),
      }),
    ),
    /** The account's budget; null when no account is configured. */
    budget: BudgetSnapshot.nullable(),
    /** Reads in this process: sent, joined to one in flight, served from cache. */
    reads: z.object({
      requests: z.number().int().nonnegative(),
      coalesced: z.number().int().nonnegative(),
      cached: z.number().int().nonnegative(),
    }),
  }),
)
export type QueueInspection = z.infer<typeof QueueInspection>

/** One request this machine sent and what came back, as `debug http` shows it: keys masked, bodies cut. */
export const HttpExchange = lazySchema(() =>
  z.object({
    at: z.string(),
    /** Which face sent it: cli, app, ui (the process that recorded it). */
    process: z.string(),
    method: z.string(),
    /** Any key in the URL masked. */
    url: z.string(),
    /** null when no answer came (network error, timeout, dry run). */
    status: z.number().int().nullable(),
    durationMs: z.number().nonnegative(),
    /** Request headers with Authorization masked (`Bearer abcd…wxyz`). */
    requestHeaders: z.record(z.string(), z.string()),
    requestBody: z.string().nullable(),
    responseBody: z.string().nullable(),
    /** A body longer than the history keeps was cut to its first part. */
    isTruncated: z.boolean(),
    /** The failure when no answer came. */
    error: z.string().nullable(),
  }),
)
export type HttpExchange = z.infer<typeof HttpExchange>

/** A call about one site of an account (Sites API, plausible-api.md §6). */
const SiteCall = lazySchema(() =>
  z.object({ account: AccountAlias.optional(), site: SiteDomain, wait: Wait }),
)

/** §6: a property name of at most 300 characters; it may contain `/`. */
const CustomProperty = lazySchema(() =>
  z.string().trim().min(1, 'give the property name').max(300, 'at most 300 characters'),
)

export const StatusReport = lazySchema(() =>
  z.object({
    defaultAccount: z.string().nullable(),
    accounts: z.array(
      z.object({
        alias: z.string(),
        baseUrl: z.string(),
        isDefault: z.boolean(),
        isDemo: z.boolean(),
        keySource: KeySource,
        /** null when the budget could not be read (no key on this machine). */
        budget: BudgetSnapshot.nullable(),
      }),
    ),
    queue: z.object({
      isDelivering: z.boolean(),
      pending: z.number().int().nonnegative(),
      inFlight: z.number().int().nonnegative(),
      failed: z.number().int().nonnegative(),
    }),
  }),
)
export type StatusReport = z.infer<typeof StatusReport>

interface CallSpec {
  /** One sentence; the CLI help shows the same text. */
  readonly summary: string
  readonly input: z.ZodType
  readonly output: z.ZodType
}

/**
 * A call whose schemas are built the first time a host or a client reads them: building all of them
 * costs a cold CLI tens of milliseconds, and one command runs one or two calls.
 */
function lazyCall<I extends z.ZodType, O extends z.ZodType>(
  name: CallName,
  build: () => { input: I; output: O },
): { readonly summary: string; readonly input: I; readonly output: O } {
  let built: { input: I; output: O } | undefined
  const schemas = (): { input: I; output: O } => (built ??= build())
  return {
    summary: callSummaries[name],
    get input() {
      return schemas().input
    },
    get output() {
      return schemas().output
    },
  }
}

export const calls = {
  'accounts.list': lazyCall('accounts.list', () => ({
    input: z.object({}).strict(),
    output: z.object({ accounts: z.array(AccountSummary), keyStore: KeyStoreStatus.optional() }),
  })),
  'accounts.add': lazyCall('accounts.add', () => ({
    input: z
      .object({
        alias: AccountAlias,
        baseUrl: z.string().min(1),
        apiKey: ApiKeyInput,
        hourlyLimit: PositiveCount.optional(),
        dailyCap: PositiveCount.optional(),
        makeDefault: z.boolean().optional(),
        verify: z.boolean().optional(),
        /**
         * The user agrees to send the key over plain http to a server that is not this machine (the CLI's
         * --allow-insecure-http, the window's checkbox); kept with the account. Without it such a URL is refused.
         */
        allowInsecureHttp: z.boolean().optional(),
      })
      .strict(),
    output: z.object({ account: AccountSummary, verified: z.boolean(), keyStore: KeyStoreStatus }),
  })),
  'accounts.use': lazyCall('accounts.use', () => ({
    input: z.object({ alias: AccountAlias }).strict(),
    output: z.object({ account: AccountSummary }),
  })),
  'accounts.remove': lazyCall('accounts.remove', () => ({
    input: z.object({ alias: AccountAlias, purgeUsage: z.boolean().optional() }).strict(),
    output: z.object({
      alias: AccountAlias,
      keyRemoved: z.boolean(),
      usagePurged: z.boolean(),
      defaultAccount: z.string().nullable(),
    }),
  })),
  'accounts.export': lazyCall('accounts.export', () => ({
    input: z.object({}).strict(),
    output: z.object({
      format: z.literal('plausible-desktop/accounts'),
      version: z.literal(1),
      exportedAt: z.string(),
      defaultAccount: z.string().nullable(),
      accounts: z.array(ExportedAccount),
    }),
  })),
  'accounts.import': lazyCall('accounts.import', () => ({
    input: z
      .object({
        accounts: z.array(ImportedAccount).max(1000),
        /** Made the default when the config has no default of its own (or only the Demo account's). */
        defaultAccount: AccountAlias.nullable().optional(),
      })
      .strict(),
    output: z.object({
      /** The accounts added, each with where its key was found (`none`: give it one with `accounts rotate`). */
      added: z.array(AccountSummary),
      /** Accounts of the input left out, each with why (already configured here, listed twice, a bad URL). */
      kept: z.array(z.object({ alias: z.string(), reason: z.string() })),
      defaultAccount: z.string().nullable(),
    }),
  })),
  'accounts.budget': lazyCall('accounts.budget', () => ({
    input: z
      .object({
        alias: AccountAlias,
        hourlyLimit: PositiveCount.optional(),
        dailyCap: PositiveCount.optional(),
        clear: z.boolean().optional(),
      })
      .strict()
      .refine(
        (input) =>
          (input.clear === true) !== (input.hourlyLimit !== undefined || input.dailyCap !== undefined),
        {
          message: 'Give hourlyLimit and/or dailyCap, or clear, but not both',
        },
      ),
    output: z.object({ account: AccountSummary }),
  })),
  'accounts.allowInsecureHttp': lazyCall('accounts.allowInsecureHttp', () => ({
    input: z.object({ alias: AccountAlias, allow: z.boolean() }).strict(),
    output: z.object({ account: AccountSummary }),
  })),
  'accounts.rotate': lazyCall('accounts.rotate', () => ({
    input: z.object({ alias: AccountAlias, apiKey: ApiKeyInput }).strict(),
    output: z.object({ account: AccountSummary, keyStore: KeyStoreStatus }),
  })),
  'sites.list': lazyCall('sites.list', () => ({
    input: z.object({ account: AccountAlias.optional(), wait: Wait }).strict(),
    output: z.object({ account: z.string(), sites: z.array(Site) }),
  })),
  'sites.get': lazyCall('sites.get', () => ({
    input: SiteCall.strict(),
    output: z.object({ account: z.string(), site: SiteDetails }),
  })),
  'sites.create': lazyCall('sites.create', () => ({
    input: z
      .object({
        account: AccountAlias.optional(),
        domain: SiteDomain,
        /** IANA zone; the server's default is Etc/UTC. */
        timezone: TimeZone.optional(),
        teamId: z.string().min(1).optional(),
        tracker: TrackerScriptSettings.optional(),
        wait: Wait,
      })
      .strict(),
    output: z.object({ account: z.string(), site: SiteDetails }),
  })),
  'sites.update': lazyCall('sites.update', () => ({
    input: SiteCall.extend({ domain: SiteDomain.optional(), tracker: TrackerScriptSettings.optional() })
      .strict()
      .refine((input) => input.domain !== undefined || input.tracker !== undefined, {
        message: 'Give a new domain or at least one tracker script setting',
      }),
    output: z.object({ account: z.string(), site: SiteDetails }),
  })),
  'sites.delete': lazyCall('sites.delete', () => ({
    input: SiteCall.strict(),
    output: z.object({ account: z.string(), site: z.string(), deleted: z.literal(true) }),
  })),
  'capabilities.get': lazyCall('capabilities.get', () => ({
    input: z
      .object({ account: AccountAlias.optional(), refresh: z.boolean().optional(), wait: Wait })
      .strict(),
    output: CapabilityReport,
  })),
  'goals.list': lazyCall('goals.list', () => ({
    input: SiteCall.strict(),
    output: z.object({ account: z.string(), site: z.string(), goals: z.array(GoalView) }),
  })),
  'goals.add': lazyCall('goals.add', () => ({
    input: SiteCall.extend({
      goalType: z.enum(['event', 'page']),
      eventName: z.string().trim().min(1).max(120).optional(),
      pagePath: z.string().trim().startsWith('/', 'a page path starts with /').optional(),
      displayName: z.string().trim().min(1).optional(),
      customProps: z.record(z.string(), z.string()).optional(),
    })
      .strict()
      .refine(
        (input) =>
          input.goalType === 'event'
            ? input.eventName !== undefined && input.pagePath === undefined
            : input.pagePath !== undefined && input.eventName === undefined,
        { message: 'An event goal takes eventName, a page goal takes pagePath (one of them, not both)' },
      ),
    output: z.object({ account: z.string(), site: z.string(), goal: GoalView }),
  })),
  'goals.remove': lazyCall('goals.remove', () => ({
    input: SiteCall.extend({ goalId: z.number().int().positive() }).strict(),
    output: z.object({
      account: z.string(),
      site: z.string(),
      goalId: z.number().int(),
      deleted: z.literal(true),
    }),
  })),
  'props.list': lazyCall('props.list', () => ({
    input: SiteCall.strict(),
    output: z.object({ account: z.string(), site: z.string(), properties: z.array(z.string()) }),
  })),
  'props.add': lazyCall('props.add', () => ({
    input: SiteCall.extend({ property: CustomProperty }).strict(),
    output: z.object({
      account: z.string(),
      site: z.string(),
      property: z.string(),
      created: z.literal(true),
    }),
  })),
  'props.remove': lazyCall('props.remove', () => ({
    input: SiteCall.extend({ property: CustomProperty }).strict(),
    output: z.object({
      account: z.string(),
      site: z.string(),
      property: z.string(),
      deleted: z.literal(true),
    }),
  })),
  'sharedLinks.create': lazyCall('sharedLinks.create', () => ({
    input: SiteCall.extend({ name: z.string().trim().min(1, 'give the shared link a name') }).strict(),
    output: z.object({ account: z.string(), site: z.string(), name: z.string(), url: z.string() }),
  })),
  'guests.list': lazyCall('guests.list', () => ({
    input: SiteCall.strict(),
    output: z.object({ account: z.string(), site: z.string(), guests: z.array(GuestView) }),
  })),
  'guests.invite': lazyCall('guests.invite', () => ({
    input: SiteCall.extend({ email: z.email('not an e-mail address'), role: GuestRole }).strict(),
    output: z.object({ account: z.string(), site: z.string(), guest: GuestView }),
  })),
  'guests.remove': lazyCall('guests.remove', () => ({
    input: SiteCall.extend({ email: z.email('not an e-mail address') }).strict(),
    output: z.object({ account: z.string(), site: z.string(), email: z.string(), deleted: z.literal(true) }),
  })),
  'status.get': lazyCall('status.get', () => ({
    input: z.object({}).strict(),
    output: StatusReport,
  })),
  'doctor.run': lazyCall('doctor.run', () => ({
    input: z.object({ account: AccountAlias.optional() }).strict(),
    output: DoctorReport,
  })),
  'stats.query': lazyCall('stats.query', () => ({
    input: StatsQueryInput,
    output: V2Response,
  })),
  'stats.realtime': lazyCall('stats.realtime', () => ({
    input: z.object({ account: AccountAlias.optional(), site: z.string().min(1), wait: Wait }).strict(),
    output: z.object({ site: z.string(), visitors: z.number().int().nonnegative() }),
  })),
  'budget.status': lazyCall('budget.status', () => ({
    input: AccountRef,
    output: BudgetSnapshot,
  })),
  'queue.inspect': lazyCall('queue.inspect', () => ({
    input: z
      .object({ account: AccountAlias.optional(), limit: z.number().int().min(1).max(500).optional() })
      .strict(),
    output: QueueInspection,
  })),
  'queue.corruptList': lazyCall('queue.corruptList', () => ({
    input: z.object({}).strict(),
    output: CorruptJobs,
  })),
  'queue.corruptDelete': lazyCall('queue.corruptDelete', () => ({
    input: CorruptJobNames,
    output: z.object({ folder: z.string(), deleted: z.array(z.string()) }),
  })),
  'queue.corruptRetry': lazyCall('queue.corruptRetry', () => ({
    input: CorruptJobNames,
    output: z.object({
      folder: z.string(),
      results: z.array(
        z.union([
          z.object({ name: z.string(), result: z.literal('queued'), jobId: z.string() }),
          z.object({
            name: z.string(),
            result: z.enum(['unreadable', 'exists', 'unknown']),
            reason: z.string(),
          }),
        ]),
      ),
    }),
  })),
  'events.send': lazyCall('events.send', () => ({
    input: z
      .object({
        account: AccountAlias.optional(),
        event: EventInput,
        /** The visitor's browser (the server drops bots); default: none, as a script would send. */
        userAgent: z.string().min(1).optional(),
        /** The visitor's IP for X-Forwarded-For (the server drops datacenter IPs). */
        forwardedFor: z.string().min(1).optional(),
        /**
         * The caller's name for this event (an import: the file's digest and the line). Sending the same
         * key again for the same account answers the first delivery's receipt and sends nothing.
         */
        idempotencyKey: z
          .string()
          .regex(/^[A-Za-z0-9._:-]{1,120}$/, 'use 1–120 letters, digits, dots, colons, dashes or underscores')
          .optional(),
        /** The import run (imports.start) this event belongs to: its answer is counted into the run. */
        importId: ImportId.optional(),
      })
      .strict(),
    output: EventReceipt,
  })),
  'pins.list': lazyCall('pins.list', () => ({
    input: z.object({}).strict(),
    output: z.object({ pins: PinList }),
  })),
  'pins.set': lazyCall('pins.set', () => ({
    input: z.object({ pins: PinList }).strict(),
    output: z.object({ pins: PinList }),
  })),
  'alerts.get': lazyCall('alerts.get', () => ({
    input: z.object({}).strict(),
    output: AlertSettings,
  })),
  'alerts.set': lazyCall('alerts.set', () => ({
    input: AlertSettings.partial().strict(),
    output: AlertSettings,
  })),
  'tray.get': lazyCall('tray.get', () => ({
    input: z.object({}).strict(),
    output: TrayState,
  })),
  'tray.set': lazyCall('tray.set', () => ({
    input: TraySettings.partial().strict(),
    output: TrayState,
  })),
  'siteIcons.get': lazyCall('siteIcons.get', () => ({
    input: z.object({}).strict(),
    output: SiteIconSettings,
  })),
  'siteIcons.set': lazyCall('siteIcons.set', () => ({
    input: SiteIconChange,
    output: SiteIconSettings,
  })),
  'siteIcons.icon': lazyCall('siteIcons.icon', () => ({
    input: SiteIconInput,
    output: SiteIcon,
  })),
  'realtime.history': lazyCall('realtime.history', () => ({
    input: z.object({ account: AccountAlias.optional(), site: z.string().min(1) }).strict(),
    output: RealtimeHistory,
  })),
  'overview.get': lazyCall('overview.get', () => ({
    input: OverviewInput,
    output: OverviewReport,
  })),
  'report.build': lazyCall('report.build', () => ({
    input: z
      .object({
        account: AccountAlias.optional(),
        scope: ReportScope,
        period: ReportPeriod,
        compare: ReportCompareMode.optional(),
        wait: Wait,
      })
      .strict(),
    output: Report,
  })),
  'report.print': lazyCall('report.print', () => ({
    input: z.object({ report: Report, fileName: z.string().min(1).max(200).optional() }).strict(),
    /** Where the PDF was saved; null when the person closed the save dialog. */
    output: z.object({ path: z.string().nullable() }),
  })),
  'reportSchedules.list': lazyCall('reportSchedules.list', () => ({
    input: z.object({}).strict(),
    output: ReportSchedules,
  })),
  'reportSchedules.add': lazyCall('reportSchedules.add', () => ({
    input: ReportScheduleInput,
    output: z.object({ schedule: ReportSchedule, list: ReportSchedules }),
  })),
  'reportSchedules.remove': lazyCall('reportSchedules.remove', () => ({
    input: z.object({ id: z.string().min(1) }).strict(),
    output: ReportSchedules,
  })),
  'reportSchedules.run': lazyCall('reportSchedules.run', () => ({
    input: z.object({}).strict(),
    output: ReportSchedulesRunResult,
  })),
  'dialog.pickFolder': lazyCall('dialog.pickFolder', () => ({
    input: z.object({ title: z.string().max(200).optional() }).strict(),
    /** null when the person closed the dialog. */
    output: z.object({ path: z.string().nullable() }),
  })),
  'debug.http': lazyCall('debug.http', () => ({
    input: z.object({ limit: z.number().int().min(1).max(debugHttpMaxLimit).optional() }).strict(),
    output: z.object({ exchanges: z.array(HttpExchange) }),
  })),
  'mcp.config': lazyCall('mcp.config', () => ({
    input: z.object({}).strict(),
    output: McpConfigReport,
  })),
  'imports.list': lazyCall('imports.list', () => ({
    input: z.object({}).strict(),
    output: z.object({ imports: z.array(ComparedImport) }),
  })),
  'imports.start': lazyCall('imports.start', () => ({
    input: ImportStart,
    output: ImportRecord,
  })),
  'imports.finish': lazyCall('imports.finish', () => ({
    input: z.object({ id: ImportId }).strict(),
    output: ComparedImport,
  })),
  'metricsEndpoint.get': lazyCall('metricsEndpoint.get', () => ({
    input: z.object({}).strict(),
    output: MetricsEndpointStatus,
  })),
  'metricsEndpoint.set': lazyCall('metricsEndpoint.set', () => ({
    input: MetricsEndpointChange,
    output: MetricsEndpointStatus,
  })),
  'annotations.list': lazyCall('annotations.list', () => ({
    input: z.object({ account: AccountAlias.optional(), site: z.string().min(1).optional() }).strict(),
    output: z.object({ account: z.string(), annotations: z.array(Annotation) }),
  })),
  'annotations.add': lazyCall('annotations.add', () => ({
    input: z
      .object({
        account: AccountAlias.optional(),
        site: z.string().min(1),
        date: AnnotationDate,
        kind: AnnotationKind.default('note'),
        text: AnnotationText,
      })
      .strict(),
    output: z.object({ annotation: Annotation }),
  })),
  'annotations.remove': lazyCall('annotations.remove', () => ({
    input: z.object({ id: z.string().min(1) }).strict(),
    output: z.object({ annotation: Annotation }),
  })),
} as const satisfies Record<CallName, CallSpec>

export type Calls = typeof calls
export type CallInput<N extends CallName> = z.input<Calls[N]['input']>
export type CallOutput<N extends CallName> = z.infer<Calls[N]['output']>

/** What a host must implement: one async function per call. A declared but missing call does not compile. */
export type ContractHandlers = {
  [N in CallName]: (input: z.infer<Calls[N]['input']>) => Promise<CallOutput<N>>
}

/** What a client offers: the same calls, resolving to the value or rejecting with a PlausibleError. */
export type PlausibleApi = { [N in CallName]: (input: CallInput<N>) => Promise<CallOutput<N>> }
