// The contract: every call the window, the tray and the CLI can make, declared once with its schemas.
// Hosts (IPC, control socket, `plausible ui`) and clients are all derived from this table.
import { z } from 'zod'
import { V2Query, V2Response } from '../plausible/query'
import type { CallName } from './names'

const AccountAlias = z
  .string()
  .regex(
    /^[a-z0-9][a-z0-9_-]{0,39}$/i,
    'An alias is 1–40 letters, digits, - or _, starting with a letter or digit',
  )

/** Which account a call uses; the default account when omitted. */
const AccountRef = z.object({ account: AccountAlias.optional() }).strict()

export const KeySource = z.enum(['keychain', 'file', 'env', 'demo', 'none'])
export type KeySource = z.infer<typeof KeySource>

export const AccountSummary = z.object({
  alias: AccountAlias,
  baseUrl: z.string(),
  isDefault: z.boolean(),
  isDemo: z.boolean(),
  hourlyLimit: z.number().int().positive(),
  keySource: KeySource,
  /** At most the first and last four characters (`abcd…wxyz`); never the key. */
  maskedKey: z.string().nullable(),
})
export type AccountSummary = z.infer<typeof AccountSummary>

export const Site = z.object({ domain: z.string(), timezone: z.string() })
export type Site = z.infer<typeof Site>

export const BudgetSnapshot = z.object({
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
})
export type BudgetSnapshot = z.infer<typeof BudgetSnapshot>

interface CallSpec {
  /** One sentence; the CLI help shows the same text. */
  readonly summary: string
  readonly input: z.ZodType
  readonly output: z.ZodType
}

export const calls = {
  'accounts.list': {
    summary: 'List the configured accounts with where each key is kept (never the keys).',
    input: z.object({}).strict(),
    output: z.object({ accounts: z.array(AccountSummary) }),
  },
  'sites.list': {
    summary: 'List the sites an account can read.',
    input: AccountRef,
    output: z.object({ account: z.string(), sites: z.array(Site) }),
  },
  'stats.query': {
    summary: 'Run a Stats API v2 query for one site.',
    input: z.object({ account: AccountAlias.optional(), query: V2Query }).strict(),
    output: V2Response,
  },
  'stats.realtime': {
    summary: 'Current visitors on a site: unique visitors in the last 5 minutes.',
    input: z.object({ account: AccountAlias.optional(), site: z.string().min(1) }).strict(),
    output: z.object({ site: z.string(), visitors: z.number().int().nonnegative() }),
  },
  'budget.status': {
    summary: 'API requests used and left in the current UTC hour for an account.',
    input: AccountRef,
    output: BudgetSnapshot,
  },
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
