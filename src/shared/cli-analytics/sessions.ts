// Sessions and workflows of CLI usage (issue 18), pure: commands of one person on one machine (their
// session key, a salted hash that never leaves the machine) belong to one session until 30 minutes pass
// without one; within a session, the commands a rule names make a workflow run, which ends SUCCESS when
// its last step succeeds, FAILED when it stops on a failing step, ABANDONED when it stops before its last
// step with nothing failing. The state is plain data, so `plausible track` keeps it between runs.

/** A session ends after this long without a command (a gap of exactly this long keeps it). */
export const sessionIdleMs = 30 * 60_000

export interface WorkflowRule {
  workflow: string
  /** Command paths (words joined by spaces, matched as a prefix of whole words), in order; the last finishes it. */
  steps: string[]
}

/** The rules without a --workflows file: each of these commands is a workflow of one step. */
export const defaultWorkflowRules: readonly WorkflowRule[] = [
  { workflow: 'deploy', steps: ['deploy'] },
  { workflow: 'test', steps: ['test'] },
  { workflow: 'build', steps: ['build'] },
]

export interface CliCommand {
  /** ms since epoch. */
  at: number
  /** Whose session: a salted hash of actor and machine, kept on this machine only. */
  sessionKey: string
  tool: string
  /** The command path's words. */
  command: string[]
  exitCode: number
  ci: boolean
}

export type WorkflowOutcome = 'SUCCESS' | 'FAILED' | 'ABANDONED'

export interface WorkflowResult {
  tool: string
  workflow: string
  outcome: WorkflowOutcome
  /** Commands of the run, retries included. */
  steps: number
  /** The command path that failed last, for FAILED; null otherwise. */
  failingStep: string | null
  ci: boolean
}

interface OpenRun {
  workflow: string
  tool: string
  steps: number
  lastExit: number
  failingStep: string | null
  ci: boolean
}

export interface SessionState {
  sessions: Record<string, { lastAt: number; run: OpenRun | null }>
}

export function emptySessionState(): SessionState {
  return { sessions: {} }
}

const pathText = (command: readonly string[]): string => command.join(' ')
const matches = (path: string, step: string): boolean => path === step || path.startsWith(`${step} `)

function stepOf(rule: WorkflowRule, path: string): number {
  return rule.steps.findIndex((step) => matches(path, step))
}

function ended(run: OpenRun): WorkflowResult {
  const isFailed = run.lastExit !== 0
  return {
    tool: run.tool,
    workflow: run.workflow,
    outcome: isFailed ? 'FAILED' : 'ABANDONED',
    steps: run.steps,
    failingStep: isFailed ? run.failingStep : null,
    ci: run.ci,
  }
}

/**
 * One more command: the workflows it ends, in order. Commands of no rule leave an open run open; a
 * command of another workflow, or a new session, ends it.
 */
export function addCommand(
  state: SessionState,
  command: CliCommand,
  rules: readonly WorkflowRule[],
): { results: WorkflowResult[]; isNewSession: boolean } {
  const results: WorkflowResult[] = []
  const known = state.sessions[command.sessionKey]
  const isNewSession = !known || command.at - known.lastAt > sessionIdleMs
  if (known?.run && isNewSession) results.push(ended(known.run))
  const session = {
    lastAt: Math.max(command.at, known?.lastAt ?? 0),
    run: isNewSession ? null : (known?.run ?? null),
  }
  state.sessions[command.sessionKey] = session

  const path = pathText(command.command)
  const current = session.run ? rules.find((rule) => rule.workflow === session.run!.workflow) : undefined
  const continues = current !== undefined && stepOf(current, path) !== -1
  const rule = continues ? current : rules.find((candidate) => stepOf(candidate, path) !== -1)
  if (!rule) return { results, isNewSession }
  if (!continues && session.run) results.push(ended(session.run))
  const run: OpenRun =
    continues && session.run
      ? session.run
      : {
          workflow: rule.workflow,
          tool: command.tool,
          steps: 0,
          lastExit: 0,
          failingStep: null,
          ci: command.ci,
        }
  run.steps += 1
  run.lastExit = command.exitCode
  if (command.exitCode !== 0) run.failingStep = path
  run.ci ||= command.ci
  if (command.exitCode === 0 && stepOf(rule, path) === rule.steps.length - 1) {
    results.push({
      tool: run.tool,
      workflow: run.workflow,
      outcome: 'SUCCESS',
      steps: run.steps,
      failingStep: null,
      ci: run.ci,
    })
    session.run = null
  } else session.run = run
  return { results, isNewSession }
}

/** Ends the open runs of sessions idle for longer than sessionIdleMs at `now` (every session: Infinity). */
export function endIdleSessions(state: SessionState, now: number): WorkflowResult[] {
  const results: WorkflowResult[] = []
  for (const [key, session] of Object.entries(state.sessions)) {
    if (now - session.lastAt <= sessionIdleMs) continue
    if (session.run) results.push(ended(session.run))
    delete state.sessions[key]
  }
  return results
}
