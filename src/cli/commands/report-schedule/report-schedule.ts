// `plausible report-schedule add|list|remove|run`: weekly or monthly reports written into a folder when the
// period starts. The app and `plausible ui` run them on their own; `run` writes what is due now (for
// machines without the app: put it in cron), each report once.
import { Option, type Command } from 'commander'
import { describeCommand } from '../../command-meta'
import type { CliContext } from '../../context'
import { addJsonOptions } from '../../emit'
import type { ConnectionFlags } from '../../shared-options'
import { addScopeOptions } from '../report/report'

export interface ScheduleAddFlags extends ConnectionFlags {
  site?: string
  allSites?: boolean
  allAccounts?: boolean
  every: 'week' | 'month'
  folder: string
  reportFormat?: 'html' | 'md'
}

const action =
  <F>(ctx: CliContext, name: 'runScheduleAdd' | 'runScheduleList' | 'runScheduleRemove' | 'runScheduleRun') =>
  async (...args: unknown[]): Promise<void> => {
    const module = await import('./report-schedule-action')
    await (module[name] as (ctx: CliContext, ...rest: unknown[]) => Promise<void>)(ctx, ...(args as [F]))
  }

/**
 * A group of its own, not `report schedule`: commander gives `--site` after a subcommand to the parent that
 * knows it (the root's --json must work after a command, so options cannot be positional), and `report`
 * has a --site of its own.
 */
export function registerReportSchedule(schedule: Command, ctx: CliContext): void {
  const add = addJsonOptions(
    addScopeOptions(
      schedule
        .command('add')
        .description('Schedule a weekly or monthly report of a site, or of all sites, into a folder.'),
    )
      .addOption(
        new Option('--every <period>', 'week (written on Mondays, for the week before) or month (on the 1st)')
          .choices(['week', 'month'])
          .makeOptionMandatory(),
      )
      .requiredOption('--folder <path>', 'the folder the report files are written into (it must exist)')
      .addOption(new Option('--report-format <format>', 'html (default) or md').choices(['html', 'md']))
      .option('--account <alias>', 'the account of --site or --all-sites (default: the default account)'),
  )
  describeCommand(add, {
    isBriefInLlmsTxt: true,
    output: async () => (await import('../../../shared/contract/calls')).calls['reportSchedules.add'].output,
    examples: [
      {
        command: 'plausible report-schedule add --site example.com --every week --folder ~/Reports',
        description: 'every Monday, last week of example.com as an HTML file in ~/Reports',
      },
      {
        command:
          'plausible report-schedule add --all-accounts --every month --folder ~/Reports --report-format md',
        description: 'on the 1st, last month of every site as Markdown',
      },
    ],
  })
  add.action(action<ScheduleAddFlags>(ctx, 'runScheduleAdd'))

  const list = addJsonOptions(
    schedule.command('list').description('The scheduled reports and their last runs.'),
  )
  describeCommand(list, {
    isBriefInLlmsTxt: true,
    output: async () => (await import('../../../shared/contract/calls')).calls['reportSchedules.list'].output,
    examples: [{ command: 'plausible report-schedule list', description: 'one line per schedule' }],
  })
  list.action(action(ctx, 'runScheduleList'))

  const remove = addJsonOptions(
    schedule.command('remove').description('Stop a scheduled report.').argument('<id>', 'its id (see list)'),
  )
  describeCommand(remove, {
    isBriefInLlmsTxt: true,
    output: async () =>
      (await import('../../../shared/contract/calls')).calls['reportSchedules.remove'].output,
    examples: [
      { command: 'plausible report-schedule remove weekly-0a1b2c3d', description: 'stop that report' },
    ],
  })
  remove.action(action(ctx, 'runScheduleRemove'))

  const run = addJsonOptions(
    schedule
      .command('run')
      .description(
        'Write the scheduled reports that are due now (a period started since the last one), once each.',
      ),
  )
  describeCommand(run, {
    isBriefInLlmsTxt: true,
    output: async () => (await import('../../../shared/contract/calls')).calls['reportSchedules.run'].output,
    examples: [
      {
        command: 'plausible report-schedule run',
        description: 'write what is due (a cron line for machines without the app)',
      },
    ],
  })
  run.action(action(ctx, 'runScheduleRun'))
}
