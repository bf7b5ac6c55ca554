// The `plausible` command tree. Each command lives in commands/<noun>/<verb>.ts and registers itself here.
import { Command, CommanderError, Option } from 'commander'
import { PlausibleError, exitCodes } from '../shared/errors'
import { registerAccountsCommands } from './commands/accounts'
import { registerBudgetStatus } from './commands/budget/status'
import { registerCall } from './commands/call'
import { registerDebugHttp } from './commands/debug/http'
import { registerEventsSend } from './commands/events/send'
import { registerEventsTemplate } from './commands/events/template'
import { registerQueueCorrupt } from './commands/queue/corrupt'
import { registerQueueDrain } from './commands/queue/drain'
import { registerStatsBreakdown } from './commands/stats/breakdown'
import { registerStatsQuery } from './commands/stats/query'
import { registerStatsTimeseries } from './commands/stats/timeseries'
import { registerDoctor } from './commands/doctor'
import { registerGoalsCommands } from './commands/goals'
import { registerGuestsCommands } from './commands/guests'
import { registerPropsCommands } from './commands/props'
import { registerSharedLinksCommands } from './commands/shared-links'
import { registerSitesCommands } from './commands/sites'
import { registerStatus } from './commands/status'
import { registerEventsImport } from './commands/events/import'
import { registerQueueInspect } from './commands/queue/inspect'
import { registerReferenceCommands } from './commands/reference'
import { registerSandbox } from './commands/sandbox'
import { registerStatsAggregate } from './commands/stats/aggregate'
import { registerStatsRealtime } from './commands/stats/realtime'
import { registerUiCommand } from './commands/ui'
import type { CliContext } from './context'
import { errorFormatOfArgv } from './flags/error-format'
import { logFormats, type LogFormat } from './flags/log-format'
import { reportError, type OutputFormat } from './output'
import { versionText } from './version'

/**
 * How commander's own usage errors are reported: as text (commander's words and the --help pointer),
 * or, when the command line asks for JSON, as the JSON error envelope instead — so the program notes
 * which command raised one and keeps its text off stderr.
 */
export interface UsageErrors {
  format: OutputFormat
  command: Command | null
}

export function buildProgram(
  ctx: CliContext,
  usage: UsageErrors = { format: 'table', command: null },
): Command {
  const program = new Command('plausible')
    .description(
      'Plausible Analytics from the terminal: stats, sites and budgets, shared with the desktop app.',
    )
    .version(versionText(), '-V, --version')
    .showHelpAfterError('(run with --help for usage)')
    .option('--verbose', 'log what the command does (calls, requests, queue events) to stderr, keys masked')
    .addOption(
      new Option('--log <format>', 'structured logs to stderr: text, or json (one object per line)').choices(
        logFormats,
      ),
    )
    // Also after the command: commander gives a root option to the root wherever it stands.
    .option('--json', 'print results (where the command has --json) and every error as JSON')
  // Before any action: the global flags (given before or after the subcommand) decide the log.
  program.hook('preAction', async (root, action) => {
    const globals = root.opts<{ verbose?: boolean; log?: LogFormat; json?: boolean }>()
    // `plausible --json status` and `plausible status --json` both reach the root: hand it to the command.
    if (globals.json && action.options.some((option) => option.long === '--json'))
      action.setOptionValueWithSource('json', true, 'cli')
    // Without --verbose or --log nothing is logged (ctx.log stays unset: silent), and the logger and its
    // key redactor are not loaded.
    if (!globals.verbose && !globals.log) return
    const { loggerFromFlags } = await import('./log')
    const log = loggerFromFlags(globals, ctx.stderr)
    log.remember(ctx.env.PLAUSIBLE_API_KEY)
    ctx.log = log
    log.log('command', { command: commandPath(action) })
  })

  const stats = program
    .command('stats')
    .description('Read stats: aggregate, timeseries, breakdown, realtime, or a raw v2 query.')
  registerStatsAggregate(stats, ctx)
  registerStatsTimeseries(stats, ctx)
  registerStatsBreakdown(stats, ctx)
  registerStatsRealtime(stats, ctx)
  registerStatsQuery(stats, ctx)

  const accounts = program.command('accounts').description('Manage accounts and where their keys are kept.')
  registerAccountsCommands(accounts, ctx)

  const budget = program.command('budget').description('See the API budget of an account.')
  registerBudgetStatus(budget, ctx)

  const queue = program
    .command('queue')
    .description('See the write journal and the requests waiting for the budget.')
  registerQueueInspect(queue, ctx)
  registerQueueDrain(queue, ctx)
  registerQueueCorrupt(queue, ctx)

  const events = program.command('events').description('Send events through the crash-safe journal.')
  registerEventsTemplate(events, ctx)
  registerEventsSend(events, ctx)
  registerEventsImport(events, ctx)

  const sites = program
    .command('sites')
    .description('Manage sites (Sites API): list, get, create, update, delete, reset.')
  registerSitesCommands(sites, ctx)
  const goals = program.command('goals').description("Manage a site's goals (Sites API).")
  registerGoalsCommands(goals, ctx)
  const props = program.command('props').description("Manage a site's custom-property allowlist (Sites API).")
  registerPropsCommands(props, ctx)
  const sharedLinks = program
    .command('shared-links')
    .description("Shared links to a site's dashboard (Sites API).")
  registerSharedLinksCommands(sharedLinks, ctx)
  const guests = program.command('guests').description("Manage a site's guests (Sites API).")
  registerGuestsCommands(guests, ctx)
  registerStatus(program, ctx)
  registerDoctor(program, ctx)

  const debug = program.command('debug').description('Look inside: the requests sent to Plausible servers.')
  registerDebugHttp(debug, ctx)

  registerCall(program, ctx)

  registerSandbox(program, ctx)
  registerUiCommand(program, ctx)
  registerReferenceCommands(program, ctx)

  routeErrors(program, ctx, usage)
  return program
}

/**
 * Every command, at any depth, reports through the context's streams and returns instead of exiting.
 * In JSON mode commander's error text (and the help it shows after an error) is held back: runCli
 * prints the envelope, naming the command that raised the error.
 */
function routeErrors(command: Command, ctx: CliContext, usage: UsageErrors): void {
  command.exitOverride().configureOutput({
    writeOut: (text) => void ctx.stdout.write(text),
    writeErr: (text) => {
      usage.command ??= command
      if (usage.format !== 'json') ctx.stderr.write(text)
    },
  })
  for (const sub of command.commands) routeErrors(sub, ctx, usage)
}

/** A commander usage error as the one vocabulary's USAGE error, for the JSON envelope. */
export function usageErrorOf(error: CommanderError, command: Command): PlausibleError {
  const line = `plausible${commandPath(command) ? ` ${commandPath(command)}` : ''}`
  // A command group run without its command: commander printed the group's help instead of a message.
  const message =
    error.code === 'commander.help'
      ? `${line} needs a command: ${command.commands.map((sub) => sub.name()).join(', ')}.`
      : error.message.replace(/^error: /, '').replace(/^./, (first) => first.toUpperCase())
  const topics = command.commands.length > 0 ? 'commands and flags' : 'flags and examples'
  return new PlausibleError('USAGE', { message, hint: `Run \`${line} --help\` for its ${topics}.` })
}

/** `stats aggregate`: the words after `plausible`, for the log. */
function commandPath(command: Command): string {
  const names: string[] = []
  for (let at: Command | null = command; at?.parent; at = at.parent) names.unshift(at.name())
  return names.join(' ')
}

/** Parses and runs; returns the exit code instead of exiting, so tests can call it in-process. */
export async function runCli(ctx: CliContext, argv: string[]): Promise<number> {
  const usage: UsageErrors = { format: errorFormatOfArgv(argv), command: null }
  const program = buildProgram(ctx, usage)
  // hrtime, not performance.now(): the global `performance` loads perf_hooks, a cost every run would pay.
  const started = process.hrtime.bigint()
  try {
    await program.parseAsync(argv, { from: 'user' })
    const code = typeof process.exitCode === 'number' ? process.exitCode : exitCodes.ok
    ctx.log?.log('exit', { code, ms: Math.round(Number(process.hrtime.bigint() - started) / 1e6) })
    return code
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end through here with exit code 0; as text, usage errors were printed.
      if (error.exitCode === 0) return exitCodes.ok
      if (usage.format !== 'json') return exitCodes.usage
      return reportError(ctx, usageErrorOf(error, usage.command ?? program), 'json')
    }
    return reportError(ctx, error, usage.format)
  }
}
