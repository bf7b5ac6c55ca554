// `plausible accounts budget <alias>`: the hourly limit and the daily cap the CLI and the app keep to.
import { Option, type Command } from 'commander'
import { calls } from '../../../shared/contract'
import { PlausibleError } from '../../../shared/errors'
import { describeCommand } from '../../command-meta'
import type { CliContext } from '../../context'
import { addJsonOptions, emit, formatFrom, type OutputFlags } from '../../emit'
import { positiveInteger, withApi } from '../../shared-options'

interface BudgetFlags extends Pick<OutputFlags, 'json' | 'compact'> {
  hourly?: number
  daily?: number
  clear?: boolean
}

export function registerAccountsBudget(accounts: Command, ctx: CliContext): void {
  const command = addJsonOptions(
    accounts
      .command('budget')
      .argument('<alias>', 'the account')
      .description("Set an account's hourly limit and daily cap, or --clear them back to the defaults.")
      .addOption(
        new Option('--hourly <n>', 'API requests per UTC hour').argParser(positiveInteger('--hourly')),
      )
      .addOption(
        new Option('--daily <n>', 'API requests per local day').argParser(positiveInteger('--daily')),
      )
      .option('--clear', 'back to 600 per hour and no daily cap'),
  )
  describeCommand(command, {
    callsApi: false,
    output: calls['accounts.budget'].output,
    examples: [
      {
        command: 'plausible accounts budget work --hourly 300 --daily 5000',
        description: 'share a key with another tool',
      },
      { command: 'plausible accounts budget work --clear', description: 'back to the defaults' },
    ],
  })
  command.action((alias: string, flags: BudgetFlags) =>
    withApi(ctx, flags, async (api) => {
      const setsLimits = flags.hourly !== undefined || flags.daily !== undefined
      if (setsLimits === Boolean(flags.clear))
        throw new PlausibleError('USAGE', {
          message: 'Give --hourly and/or --daily, or --clear.',
          hint: 'plausible accounts budget work --hourly 300 --daily 5000',
        })
      const result = await api['accounts.budget']({
        alias,
        ...(flags.clear ? { clear: true } : {}),
        ...(flags.hourly !== undefined ? { hourlyLimit: flags.hourly } : {}),
        ...(flags.daily !== undefined ? { dailyCap: flags.daily } : {}),
      })
      if (formatFrom(flags) === 'json') return emit(ctx, flags, { value: result })
      const { account } = result
      ctx.stdout.write(
        `${account.alias}: ${account.hourlyLimit} requests/hour, ${account.dailyCap ? `${account.dailyCap}/day` : 'no daily cap'}\n`,
      )
    }),
  )
}
