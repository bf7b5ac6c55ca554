// Options every API command takes, and the one way a command reaches the core and reports failure.
import { InvalidArgumentError, Option, type Command } from 'commander'
import type { PlausibleApi } from '../shared/contract'
import type { AccountOverrides } from '../core/accounts/overrides'
import type { CliContext } from './context'
import { addOutputOptions, render, type OutputFlags } from './emit'
import { PlausibleError, type DryRunRequest } from '../shared/errors'
import { formatOf, reportError, type OutputFormat } from './output'

export interface ConnectionFlags extends OutputFlags {
  account?: string
  baseUrl?: string
  hourlyLimit?: number
  /** false with --no-wait: a read the hour cannot afford fails at once (exit code 5) instead of waiting. */
  wait?: boolean
  /** --dry-run: print the request (key masked) instead of sending it. */
  dryRun?: boolean
}

export function addConnectionOptions(command: Command): Command {
  return command
    .option('--account <alias>', 'account to use (default: PLAUSIBLE_ACCOUNT, then the default account)')
    .option(
      '--base-url <url>',
      'server for this run, e.g. https://plausible.io (default: PLAUSIBLE_BASE_URL)',
    )
    .addOption(
      new Option('--hourly-limit <n>', 'API requests per hour for this run').argParser(
        positiveInteger('--hourly-limit'),
      ),
    )
    .option(
      '--no-wait',
      'when the hourly budget is spent, fail at once with the reset time (exit code 5) instead of waiting for the next hour',
    )
    .option(
      '--dry-run',
      'print the exact request (method, URL, headers with the key masked, body) and send nothing',
    )
}

/** Connection flags plus the output flags (--json, --format, --compact, --output). */
export function addApiOptions(command: Command): Command {
  return addOutputOptions(addConnectionOptions(command))
}

/** The calls whose input takes `wait` (reads that spend the budget). */
const waitingCalls = new Set<string>([
  'sites.list',
  'stats.query',
  'stats.realtime',
  // Site management: reads wait like any read; a write declined by the budget stays journaled.
  'sites.get',
  'sites.create',
  'sites.update',
  'sites.delete',
  'capabilities.get',
  'goals.list',
  'goals.add',
  'goals.remove',
  'props.list',
  'props.add',
  'props.remove',
  'sharedLinks.create',
  'guests.list',
  'guests.invite',
  'guests.remove',
])

/** The same API, with `wait: false` added to every read: --no-wait. */
export function withoutWaiting(api: PlausibleApi): PlausibleApi {
  return new Proxy(api, {
    get(target, name, receiver) {
      const call = Reflect.get(target, name, receiver) as unknown
      if (typeof name !== 'string' || !waitingCalls.has(name) || typeof call !== 'function') return call
      return (input: Record<string, unknown>) =>
        (call as (input: unknown) => unknown)({ ...input, wait: false })
    },
  })
}

export function positiveInteger(flag: string): (value: string) => number {
  return (value) => {
    const number = Number(value)
    if (!Number.isInteger(number) || number < 1)
      throw new InvalidArgumentError(`${flag} takes a whole number of at least 1.`)
    return number
  }
}

/** Runs a command body with a connection, turning any failure into a message and an exit code. */
export async function withApi(
  ctx: CliContext,
  flags: ConnectionFlags,
  body: (api: PlausibleApi, account: string | undefined) => Promise<void>,
): Promise<void> {
  const overrides: AccountOverrides = {
    ...(flags.baseUrl ? { baseUrl: flags.baseUrl } : {}),
    ...(flags.hourlyLimit ? { hourlyLimit: flags.hourlyLimit } : {}),
  }
  const account = flags.account ?? ctx.env.PLAUSIBLE_ACCOUNT
  let connection: Awaited<ReturnType<CliContext['connect']>> | undefined
  try {
    connection = await ctx.connect(overrides, { dryRun: flags.dryRun === true })
    await body(flags.wait === false ? withoutWaiting(connection.api) : connection.api, account)
  } catch (error) {
    if (error instanceof PlausibleError && error.code === 'DRY_RUN' && error.details?.request) {
      printDryRun(ctx, error.details.request, formatOf(flags), flags.compact === true)
      return
    }
    process.exitCode = reportError(ctx, error, formatOf(flags))
  } finally {
    await connection?.close()
  }
}

/** What --dry-run shows: the request as it would go on the wire, then a line saying nothing was sent. */
export function printDryRun(
  ctx: CliContext,
  request: DryRunRequest,
  format: OutputFormat,
  compact = false,
): void {
  if (format === 'json')
    return void ctx.stdout.write(render('json', compact, { value: { dryRun: true, request } }))
  const headers = Object.entries(request.headers).map(([name, value]) => `${name}: ${value}`)
  const body = request.body === null ? [] : ['', JSON.stringify(request.body, null, 2)]
  ctx.stdout.write(
    [`${request.method} ${request.url}`, ...headers, ...body, '', '(dry run: nothing was sent)', ''].join(
      '\n',
    ),
  )
}
