// The action of `plausible track` (registered in track.ts), loaded when the command runs. The command
// runs first, whatever happens to the events: its exit code is this process's, and a failed send is a
// warning on stderr (the journal keeps an event it could not deliver yet).
import { spawn } from 'node:child_process'
import { constants, hostname, userInfo } from 'node:os'
import { createSessionKeyer } from '../../core/cli-analytics/session-keys'
import { readSessionState, writeSessionState } from '../../core/cli-analytics/session-store'
import { commandEvent, workflowEvent, type SafeCommand } from '../../shared/cli-analytics/cli-events'
import { commandPathOf, flagNamesOf, toolNameOf } from '../../shared/cli-analytics/privacy'
import { addCommand, endIdleSessions } from '../../shared/cli-analytics/sessions'
import type { EventInput } from '../../shared/plausible/event'
import { PlausibleError } from '../../shared/errors'
import type { CliContext } from '../context'
import { reportError } from '../output'
import { readWorkflowRules } from '../workflow-rules'
import type { TrackFlags } from './track'

/** Runs the command with this terminal; resolves with its exit code (128 + the signal's number if killed). */
function runCommand(program: string, args: string[]): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(program, args, { stdio: 'inherit' })
    // Ctrl+C reaches the command (same process group); this process waits to report it.
    const ignore = (): void => undefined
    process.on('SIGINT', ignore)
    const done = (code: number): void => {
      process.off('SIGINT', ignore)
      resolve(code)
    }
    child.on('error', (error: NodeJS.ErrnoException) => {
      process.stderr.write(`plausible track: could not run ${program} (${error.code ?? error.message})\n`)
      done(error.code === 'ENOENT' ? 127 : 126)
    })
    child.on('exit', (code, signal) => done(code ?? 128 + (signal ? (constants.signals[signal] ?? 0) : 0)))
  })
}

export function isCi(env: Record<string, string | undefined>): boolean {
  const ci = env.CI
  return ci !== undefined && ci !== '' && ci !== '0' && ci.toLowerCase() !== 'false'
}

export async function runTrack(ctx: CliContext, words: string[], flags: TrackFlags): Promise<void> {
  const [program, ...args] = words
  if (!program) {
    process.exitCode = reportError(
      ctx,
      new PlausibleError('USAGE', {
        message: 'track needs a command to run.',
        hint: 'plausible track --site cli.example.com -- npm test',
      }),
      'table',
    )
    return
  }
  let rules
  try {
    rules = await readWorkflowRules(flags.workflows)
  } catch (error) {
    process.exitCode = reportError(ctx, error, 'table')
    return
  }
  const started = Date.now()
  const exitCode = await runCommand(program, args)
  process.exitCode = exitCode
  try {
    const command: SafeCommand = {
      tool: toolNameOf(program),
      version: null,
      command: commandPathOf(args).slice(0, flags.depth ?? 1),
      flags: flagNamesOf(args),
      exitCode,
      durationMs: Date.now() - started,
      errorClass: null,
      ci: isCi(ctx.env),
    }
    const keyOf = await createSessionKeyer(ctx.configDir)
    const state = await readSessionState(ctx.configDir)
    const now = Date.now()
    const ended = endIdleSessions(state, now)
    const { results } = addCommand(
      state,
      {
        at: now,
        sessionKey: keyOf(userInfo().username, hostname()),
        tool: command.tool,
        command: command.command,
        exitCode,
        ci: command.ci,
      },
      rules,
    )
    const events: EventInput[] = [
      commandEvent(flags.site, command),
      ...[...ended, ...results].map((result) => workflowEvent(flags.site, result)),
    ]
    if (flags.dryRun) {
      for (const event of events)
        ctx.stderr.write(`plausible track --dry-run: would send ${JSON.stringify(event)}\n`)
      return
    }
    await writeSessionState(ctx.configDir, state)
    await sendEvents(ctx, flags, events)
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    ctx.stderr.write(`plausible track: the usage event was not sent: ${message}\n`)
  }
}

async function sendEvents(ctx: CliContext, flags: TrackFlags, events: EventInput[]): Promise<void> {
  const connection = await ctx.connect(flags.baseUrl ? { baseUrl: flags.baseUrl } : {})
  try {
    const account = flags.account ?? ctx.env.PLAUSIBLE_ACCOUNT
    for (const event of events) {
      const receipt = await connection.api['events.send']({ ...(account ? { account } : {}), event })
      if (receipt.status !== 'accepted')
        ctx.stderr.write(`plausible track: ${event.name} ${receipt.status} (job ${receipt.jobId})\n`)
    }
  } finally {
    await connection.close()
  }
}
