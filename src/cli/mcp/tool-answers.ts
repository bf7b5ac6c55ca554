// How a tool answers: structuredContent (the result and what it cost) plus a short text for clients that
// read text only; and every failure as a tool error (isError) with the CLI's code and hint, never a
// protocol error, so an agent can read what went wrong and try again.
import { z } from 'zod'
import { lazySchema } from '../../shared/lazy-schema'
import { toPlausibleError } from '../../core/dispatch'
import { PlausibleError } from '../../shared/errors'
import { metrics } from '../../shared/plausible/vocabulary'
import { AnswerBudget } from './session-budget'
import type { McpTool } from './tools'

/** The most characters of the result the text repeats; structuredContent always has all of it. */
const textResultLimit = 4000

export interface ToolAnswer {
  [key: string]: unknown
  content: Array<{ type: 'text'; text: string }>
  structuredContent?: Record<string, unknown>
  isError?: boolean
}

const DryRunRequest = lazySchema(() =>
  z.object({
    method: z.string(),
    url: z.string(),
    headers: z.record(z.string(), z.string()),
    body: z.unknown(),
  }),
)

/**
 * A tool's answer: `result` (the call's own output schema), `budget` (cost and what is left) and, for
 * writes under --dry-run, `dryRun` (the request, key masked) in place of the result.
 */
export function answerSchema(tool: McpTool): z.ZodObject {
  const isWrite = tool.access !== 'read'
  return z.object({
    result: isWrite ? tool.output().optional() : tool.output(),
    ...(isWrite
      ? { dryRun: DryRunRequest.optional().describe('--dry-run: the request that was not sent.') }
      : {}),
    budget: AnswerBudget,
  })
}

export function successAnswer(structured: { budget: AnswerBudget } & Record<string, unknown>): ToolAnswer {
  const { budget } = structured
  const spent = budget.cached
    ? `From this session's cache, ${budget.cached.ageSeconds} s old (the budget is low): cost 0 requests`
    : `Cost ${budget.cost} request${budget.cost === 1 ? '' : 's'}`
  const left =
    budget.remainingThisHour === null
      ? ''
      : `; ${budget.remainingThisHour} left this hour${budget.sessionRemaining === null ? '' : ` (${budget.sessionRemaining} for this session)`}, reset at ${budget.resetsAt}`
  const body = JSON.stringify('dryRun' in structured ? { dryRun: structured.dryRun } : structured.result)
  const shown =
    body.length > textResultLimit
      ? `${body.slice(0, textResultLimit)}… (cut; structuredContent has the whole answer)`
      : body
  return { content: [{ type: 'text', text: `${spent}${left}.\n${shown}` }], structuredContent: structured }
}

/** Any failure as a tool error: code, message, hint, and where the error says more (pointer, reset time). */
export function errorAnswer(error: unknown): ToolAnswer {
  const failure = toPlausibleError(error)
  const lines = [`${failure.code}: ${failure.message}`, `Hint: ${failure.hint}`]
  const details = failure.details ?? {}
  if (details.pointer) lines.push(`At: ${details.pointer}`)
  if (failure.code === 'QUERY_INVALID')
    lines.push(
      `Metrics: ${metrics.join(', ')}.`,
      'Dimensions: event:page, event:goal, event:name, event:hostname, event:props:<name>, visit:* (source, channel, referrer, utm_*, device, browser, os, country_name, region_name, city_name, entry_page, exit_page), and time, time:hour, time:day, time:week, time:month.',
    )
  if (details.resetsAt && !failure.message.includes(details.resetsAt))
    lines.push(`Resets at: ${details.resetsAt}`)
  return { isError: true, content: [{ type: 'text', text: lines.join('\n') }] }
}

/** Arguments the tool's schema refuses, named by their path, as the CLI names a bad flag. */
export function argumentsError(tool: string, error: z.ZodError): PlausibleError {
  const first = error.issues[0]
  const path = first?.path.map(String) ?? []
  return new PlausibleError('USAGE', {
    message: `Invalid arguments for ${tool}: ${path.length > 0 ? `${path.join('.')}: ` : ''}${first?.message ?? 'not valid'}.`,
    hint: `The inputSchema of ${tool} (tools/list) names every field it takes; fix the one named and call it again.`,
    details: { pointer: `#/${path.join('/')}` },
  })
}
