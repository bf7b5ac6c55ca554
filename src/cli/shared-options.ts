// Options every API command takes, and the one way a command reaches the core and reports failure.
import { InvalidArgumentError, Option, type Command } from 'commander'
import type { PlausibleApi } from '../shared/contract'
import type { AccountOverrides } from '../core/accounts/overrides'
import type { CliContext } from './context'
import { formatOf, reportError } from './output'

export interface ConnectionFlags {
  account?: string
  baseUrl?: string
  hourlyLimit?: number
  json?: boolean
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
    .option('--json', 'print one JSON document on stdout')
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
    connection = await ctx.connect(overrides)
    await body(connection.api, account)
  } catch (error) {
    process.exitCode = reportError(ctx, error, formatOf(flags))
  } finally {
    await connection?.close()
  }
}
