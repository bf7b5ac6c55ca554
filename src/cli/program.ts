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
import { registerMcp } from './commands/mcp'
import { registerGuestsCommands } from './commands/guests'
import { registerPropsCommands } from './commands/props'
import { registerReport } from './commands/report/report'
import { registerReportSchedule } from './commands/report-schedule/report-schedule'
import { registerAnnotationsCommands } from './commands/annotations/annotations'
import { registerSharedLinksCommands } from './commands/shared-links'
import { registerSitesCommands } from './commands/sites'
import { registerStatus } from './commands/status'
import { registerTrack } from './commands/track'
import { registerEventsImport } from './commands/events/import'
import { registerImportsCommands } from './commands/imports/imports'
import { registerMetrics } from './commands/metrics'
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
import { interpretSchemas, parsesFewSchemas } from './schema-parsing'
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

/** The commands whose output describes every command: with them, every group is registered. */
const describeEveryCommand = new Set(['help', 'completion', 'prompt'])

/**
 * `argv`: the command line this program will parse. A group's commands are registered only when it can
 * reach them — it names the group, or a command that describes them all (help, completion, prompt) — since
 * registering every command is most of what start-up does, and `plausible --help` lists the groups alone
 * (a group's line does not depend on its commands). Without argv (tests, references) everything is.
 */
export function buildProgram(
  ctx: CliContext,
  usage: UsageErrors = { format: 'table', command: null },
  argv?: readonly string[],
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
    if (parsesFewSchemas(commandPath(action))) interpretSchemas()
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

  const reaches = (name: string): boolean =>
    argv === undefined || argv.includes(name) || argv.some((word) => describeEveryCommand.has(word))
  const group = (name: string, description: string, register: (group: Command) => void): void => {
    const command = program.command(name).description(description)
    if (reaches(name)) register(command)
  }

  // A group of commands registers only the one its command line names, when it names one: the rest
  // matter for the group's help and for commander's suggestion after a typo, where none is named.
  const commands =
    (entries: Array<[name: string, register: (group: Command, ctx: CliContext) => void]>) =>
    (group: Command): void => {
      const named = entries.filter(
        ([name]) => argv?.includes(name) && !argv.some((word) => describeEveryCommand.has(word)),
      )
      for (const [, register] of named.length > 0 ? named : entries) register(group, ctx)
    }

  group(
    'stats',
    'Read stats: aggregate, timeseries, breakdown, realtime, or a raw v2 query.',
    commands([
      ['aggregate', registerStatsAggregate],
      ['timeseries', registerStatsTimeseries],
      ['breakdown', registerStatsBreakdown],
      ['realtime', registerStatsRealtime],
      ['query', registerStatsQuery],
    ]),
  )
  group('accounts', 'Manage accounts and where their keys are kept.', (accounts) =>
    registerAccountsCommands(accounts, ctx),
  )
  group('budget', 'See the API budget of an account.', (budget) => registerBudgetStatus(budget, ctx))
  group(
    'queue',
    'See the write journal and the requests waiting for the budget.',
    commands([
      ['inspect', registerQueueInspect],
      ['drain', registerQueueDrain],
      ['corrupt', registerQueueCorrupt],
    ]),
  )
  group(
    'events',
    'Send events through the crash-safe journal.',
    commands([
      ['template', registerEventsTemplate],
      ['send', registerEventsSend],
      ['import', registerEventsImport],
    ]),
  )
  group('imports', 'Past events imports, each compared with the last.', (imports) =>
    registerImportsCommands(imports, ctx),
  )
  group('sites', 'Sites: list, overview (all at a glance), get, create, update, delete, reset.', (sites) =>
    registerSitesCommands(sites, ctx),
  )
  group('goals', "Manage a site's goals (Sites API).", (goals) => registerGoalsCommands(goals, ctx))
  group('props', "Manage a site's custom-property allowlist (Sites API).", (props) =>
    registerPropsCommands(props, ctx),
  )
  group('shared-links', "Shared links to a site's dashboard (Sites API).", (sharedLinks) =>
    registerSharedLinksCommands(sharedLinks, ctx),
  )
  group('guests', "Manage a site's guests (Sites API).", (guests) => registerGuestsCommands(guests, ctx))
  group('annotations', 'Notes on a site’s dates, kept locally.', (annotations) =>
    registerAnnotationsCommands(annotations, ctx),
  )
  // Always registered, like status: it has flags of its own, which `plausible --help` shows ([options]).
  registerReport(program.command('report').description('Site reports (md, html, json).'), ctx)
  group('report-schedule', 'Scheduled reports.', (schedule) => registerReportSchedule(schedule, ctx))
  registerStatus(program, ctx)
  registerTrack(program, ctx)
  registerDoctor(program, ctx)

  group('debug', 'Look inside: the requests sent to Plausible servers.', (debug) =>
    registerDebugHttp(debug, ctx),
  )

  registerCall(program, ctx)

  registerSandbox(program, ctx)
  registerUiCommand(program, ctx)
  registerMcp(program, ctx)
  registerMetrics(program, ctx)
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
  const program = buildProgram(ctx, usage, argv)
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
