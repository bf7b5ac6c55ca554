// `plausible accounts budget <alias>`: the hourly limit and the daily cap the CLI and the app keep to.
import { Option, type Command } from 'commander'
import { contractOutput, describeCommand } from '../../command-meta'
import type { CliContext } from '../../context'
import { addJsonOptions, type OutputFlags } from '../../emit'
import { positiveInteger } from '../../shared-options'

export interface BudgetFlags extends Pick<OutputFlags, 'json' | 'compact'> {
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
    output: contractOutput('accounts.budget'),
    examples: [
      {
        command: 'plausible accounts budget work --hourly 300 --daily 5000',
        description: 'share a key with another tool',
      },
      { command: 'plausible accounts budget work --clear', description: 'back to the defaults' },
    ],
  })
  command.action(async (alias: string, flags: BudgetFlags) =>
    (await import('./budget-action')).runAccountsBudget(ctx, alias, flags),
  )
}
