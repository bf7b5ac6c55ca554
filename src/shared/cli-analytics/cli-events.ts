// CLI usage as Plausible events (issue 18). The Events API records an event when it arrives and takes
// no timestamp (plausible-api.md §7), so a file's timestamps only order commands into sessions; its
// goals count event names, so every command is one `CLI Command` and every finished workflow run one
// `CLI Workflow`, told apart by short props (at most 30; here 8 at most). The dashboard's Goals panel
// then counts workflows, and its Properties panel splits them by outcome and failing step.
import { z } from 'zod'
import { lazySchema } from '../lazy-schema'
import type { EventInput } from '../plausible/event'
import {
  commandPathOf,
  durationBucketOf,
  errorClassOf,
  exitClassOf,
  keptFlags,
  toolNameOf,
  versionOf,
} from './privacy'
import {
  addCommand,
  emptySessionState,
  endIdleSessions,
  type WorkflowResult,
  type WorkflowRule,
} from './sessions'

export const cliCommandEventName = 'CLI Command'
export const cliWorkflowEventName = 'CLI Workflow'

/** One line of a CLI-analytics events file: the schema of privacy-first CLI analytics tools. */
export const CliAnalyticsEvent = lazySchema(() =>
  z.object({
    timestamp: z.string().datetime({ offset: true }),
    tool_name: z.string().min(1),
    tool_version: z.string().optional(),
    command_path: z.array(z.string()),
    flags_present: z.array(z.string()).default([]),
    exit_code: z.number().int(),
    duration_ms: z.number().nonnegative(),
    error_type: z.string().nullable().optional(),
    actor_id: z.string().min(1),
    machine_id: z.string().min(1),
    session_hint: z.string().nullable().optional(),
    ci_detected: z.boolean().default(false),
  }),
)
export type CliAnalyticsEvent = z.infer<typeof CliAnalyticsEvent>

/** What is sent of one command, already stripped by the privacy rules. */
export interface SafeCommand {
  tool: string
  version: string | null
  command: string[]
  flags: string[]
  exitCode: number
  durationMs: number
  errorClass: string | null
  ci: boolean
}

/** The url of a CLI event: the site's host, then a path of command words (never a value). */
const urlOf = (site: string, path: readonly string[]): string =>
  `https://${site}/${path.map(encodeURIComponent).join('/')}`

export function commandEvent(site: string, command: SafeCommand): EventInput {
  return {
    name: cliCommandEventName,
    url: urlOf(site, ['cli', command.tool, ...command.command]),
    domain: site,
    props: {
      tool: command.tool,
      ...(command.version ? { version: command.version } : {}),
      command: [command.tool, ...command.command].join(' '),
      // An empty value would be dropped by the server (§7): no flags, no prop.
      ...(command.flags.length > 0 ? { flags: command.flags.slice(0, 20).join(' ') } : {}),
      exit: exitClassOf(command.exitCode),
      duration: durationBucketOf(command.durationMs),
      ci: String(command.ci),
      ...(command.errorClass && command.exitCode !== 0 ? { error: command.errorClass } : {}),
    },
  }
}

export function workflowEvent(site: string, result: WorkflowResult): EventInput {
  return {
    name: cliWorkflowEventName,
    url: urlOf(site, ['workflow', result.workflow]),
    domain: site,
    props: {
      tool: result.tool,
      workflow: result.workflow,
      outcome: result.outcome,
      steps: String(result.steps),
      ...(result.failingStep ? { failing_step: result.failingStep } : {}),
      ci: String(result.ci),
    },
  }
}

/** A CLI-analytics event as a safe command: what the privacy rules keep of it. */
export function safeCommandOf(event: CliAnalyticsEvent): SafeCommand {
  return {
    tool: toolNameOf(event.tool_name),
    version: versionOf(event.tool_version),
    command: commandPathOf(event.command_path),
    flags: keptFlags(event.flags_present),
    exitCode: event.exit_code,
    durationMs: event.duration_ms,
    errorClass: errorClassOf(event.error_type),
    ci: event.ci_detected,
  }
}

export interface CliEventsConverter {
  /** One line of the file: its events to send (the command's, and the workflows it ended), or why not. */
  line(text: string): { events: EventInput[]; problems: string[] }
  /** The end of the file: the workflows still open, ended. */
  end(): EventInput[]
  /** Sessions begun so far. */
  sessions(): number
}

/**
 * Converts a CLI-analytics file line by line. `sessionKeyOf` hashes actor and machine (with a salt kept
 * on this machine): the key orders commands into sessions and is never sent.
 */
export function createCliEventsConverter(options: {
  site: string
  rules: readonly WorkflowRule[]
  sessionKeyOf: (actorId: string, machineId: string) => string
}): CliEventsConverter {
  const state = emptySessionState()
  let sessions = 0
  return {
    line(text) {
      let value: unknown
      try {
        value = JSON.parse(text)
      } catch {
        return { events: [], problems: ['not JSON'] }
      }
      const parsed = CliAnalyticsEvent.safeParse(value)
      if (!parsed.success)
        return {
          events: [],
          problems: parsed.error.issues.map((issue) => `${issue.path.join('.') || 'line'}: ${issue.message}`),
        }
      const event = parsed.data
      const command = safeCommandOf(event)
      const { results, isNewSession } = addCommand(
        state,
        {
          at: Date.parse(event.timestamp),
          sessionKey: options.sessionKeyOf(event.actor_id, event.machine_id),
          tool: command.tool,
          command: command.command,
          exitCode: command.exitCode,
          ci: command.ci,
        },
        options.rules,
      )
      if (isNewSession) sessions += 1
      return {
        events: [
          commandEvent(options.site, command),
          ...results.map((result) => workflowEvent(options.site, result)),
        ],
        problems: [],
      }
    },
    end: () => endIdleSessions(state, Infinity).map((result) => workflowEvent(options.site, result)),
    sessions: () => sessions,
  }
}

/** A --workflows file: a JSON list of {workflow, steps}. */
export const WorkflowRules = lazySchema(() =>
  z
    .array(
      z
        .object({
          workflow: z
            .string()
            .regex(/^[A-Za-z0-9 _-]{1,40}$/, 'use 1–40 letters, digits, spaces, dashes or underscores'),
          steps: z.array(z.string().min(1)).min(1),
        })
        .strict(),
    )
    .min(1),
)
