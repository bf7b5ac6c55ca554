// What one `plausible mcp` session may spend, and what each answer cost. The ledger is the truth: the
// cost of a call is what the account's count for this hour grew by while it ran (0 when the core's cache
// answered), so it holds through the app's socket and in-process alike. Below the reserve the window and
// the tray keep (or past --max-requests), a call is answered from this session's last answer to the same
// question, with its age, instead of spending; with no such answer it is a BUDGET_EXHAUSTED tool error.
import { z } from 'zod'
import { lazySchema } from '../../shared/lazy-schema'
import type { BudgetSnapshot } from '../../shared/contract'
import { PlausibleError } from '../../shared/errors'

/** What every answer says about the budget (structuredContent.budget). */
export const AnswerBudget = lazySchema(() =>
  z.object({
    /** API requests this answer spent: 0 when a cache answered. */
    cost: z.number().int().nonnegative(),
    /** The account's requests left this hour, every process counted; null when it has no budget to read. */
    remainingThisHour: z.number().int().nonnegative().nullable(),
    /** This session's requests left this hour under --max-requests; null without a cap. */
    sessionRemaining: z.number().int().nonnegative().nullable(),
    /** The top of the next UTC hour, when the counts start again; null when unknown. */
    resetsAt: z.string().nullable(),
    /** Set when this answer is an earlier one, kept by this session, because the budget is low. */
    cached: z.object({ fetchedAt: z.string(), ageSeconds: z.number().int().nonnegative() }).nullable(),
  }),
)
export type AnswerBudget = z.infer<typeof AnswerBudget>

export interface SessionBudgetOptions {
  /** --max-requests: requests this session may send per UTC hour; undefined for no cap. */
  maxRequests?: number
  /** The account's budget (budget.status): sends no request. */
  readBudget: (account: string | undefined) => Promise<BudgetSnapshot>
  now: () => number
}

export interface SpendingCall<T> {
  /** The question, for the session's cache: same key, same answer. */
  key: string
  account: string | undefined
  /** false for calls that never reach a Plausible server (budget, queue, accounts): never refused. */
  spends: boolean
  /** false for writes: a write is never answered with an earlier one. */
  cacheable: boolean
  run: () => Promise<T>
}

export interface SessionBudget {
  answer<T>(call: SpendingCall<T>): Promise<{ value: T; budget: AnswerBudget }>
  /** Requests this session spent in the current hour. */
  spent(): number
}

/** The requests of each hour the window and the tray keep: below them this session spends nothing. */
export function reserveOf(budget: BudgetSnapshot): number {
  return budget.reservedForInteractive ?? 0
}

export function createSessionBudget(options: SessionBudgetOptions): SessionBudget {
  const answers = new Map<string, { value: unknown; fetchedAt: number }>()
  let hour = ''
  let spent = 0
  // One spending call at a time: two measured at once would each count the other's requests.
  let turn: Promise<unknown> = Promise.resolve()

  const sessionRemaining = (): number | null =>
    options.maxRequests === undefined ? null : Math.max(0, options.maxRequests - spent)

  const startHour = (budget: BudgetSnapshot): void => {
    if (budget.hourStartedAt === hour) return
    hour = budget.hourStartedAt
    spent = 0
  }

  async function measured<T>(call: SpendingCall<T>): Promise<{ value: T; budget: AnswerBudget }> {
    const before = await options.readBudget(call.account)
    startHour(before)
    const refusal = refusalOf(before)
    if (refusal) {
      const kept = call.cacheable ? answers.get(call.key) : undefined
      if (!kept) throw refusal
      return {
        value: kept.value as T,
        budget: {
          cost: 0,
          remainingThisHour: before.remainingThisHour,
          sessionRemaining: sessionRemaining(),
          resetsAt: before.resetsAt,
          cached: {
            fetchedAt: new Date(kept.fetchedAt).toISOString(),
            ageSeconds: Math.max(0, Math.round((options.now() - kept.fetchedAt) / 1000)),
          },
        },
      }
    }
    const value = await call.run()
    const after = await options.readBudget(call.account)
    // A new hour began while the call ran: everything counted in it is this call's.
    const cost =
      after.hourStartedAt === before.hourStartedAt
        ? Math.max(0, after.usedThisHour - before.usedThisHour)
        : after.usedThisHour
    startHour(after)
    spent += cost
    if (call.cacheable) answers.set(call.key, { value, fetchedAt: options.now() })
    return {
      value,
      budget: {
        cost,
        remainingThisHour: after.remainingThisHour,
        sessionRemaining: sessionRemaining(),
        resetsAt: after.resetsAt,
        cached: null,
      },
    }
  }

  function refusalOf(budget: BudgetSnapshot): PlausibleError | null {
    const details = { resetsAt: budget.resetsAt }
    if (options.maxRequests !== undefined && spent >= options.maxRequests)
      return new PlausibleError('BUDGET_EXHAUSTED', {
        message: `This MCP session sent its ${options.maxRequests} requests of this hour (--max-requests ${options.maxRequests}); it may send more after ${budget.resetsAt}.`,
        hint: `Wait for ${budget.resetsAt} (the top of the UTC hour), ask a question answered before (served from this session's cache), or restart \`plausible mcp\` with a higher --max-requests.`,
        details,
      })
    const reserve = reserveOf(budget)
    if (budget.remainingThisHour === 0)
      return new PlausibleError('BUDGET_EXHAUSTED', {
        message: `Account ${budget.account} has no API budget left this hour; it resets at ${budget.resetsAt}.`,
        details,
      })
    if (budget.remainingThisHour <= reserve)
      return new PlausibleError('BUDGET_EXHAUSTED', {
        message: `Account ${budget.account} has ${budget.remainingThisHour} requests left this hour, the ${reserve} kept for the window and the tray; it resets at ${budget.resetsAt}.`,
        hint: `Wait for ${budget.resetsAt}, or ask a question answered before in this session (served from its cache, with its age).`,
        details,
      })
    return null
  }

  async function free<T>(call: SpendingCall<T>): Promise<{ value: T; budget: AnswerBudget }> {
    const value = await call.run()
    // The budget is extra information here: an account without one (none configured) still answers.
    const budget = await options.readBudget(call.account).catch(() => null)
    if (budget) startHour(budget)
    return {
      value,
      budget: {
        cost: 0,
        remainingThisHour: budget?.remainingThisHour ?? null,
        sessionRemaining: sessionRemaining(),
        resetsAt: budget?.resetsAt ?? null,
        cached: null,
      },
    }
  }

  return {
    answer(call) {
      if (!call.spends) return free(call)
      const result = turn.then(() => measured(call))
      turn = result.catch(() => undefined)
      return result
    },
    spent: () => spent,
  }
}
