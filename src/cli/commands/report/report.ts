// `plausible report`: a report of one site (--site), of every site of an account (--all-sites), or of every
// site of every account (--all-accounts), as Markdown, one self-contained HTML file, or JSON
// (`plausible report-schedule …`, schedule.ts, writes them on a schedule). Registering loads no zod: the
// action (report-action.ts) loads when the command runs.
import { InvalidArgumentError, Option, type Command } from 'commander'
import { describeCommand } from '../../command-meta'
import type { CliContext } from '../../context'
import { compactHelp } from '../../emit'
import { parseDateFlag } from '../../flags/date-flag'
import { isIsoDate } from '../../../shared/stats/calendar'
import { addConnectionOptions, type ConnectionFlags } from '../../shared-options'

export const reportFormatChoices = ['md', 'html', 'json'] as const

export interface ReportFlags extends Omit<ConnectionFlags, 'format'> {
  site?: string
  allSites?: boolean
  allAccounts?: boolean
  period?: string
  date?: string
  from?: string
  to?: string
  compare?: 'previous_period' | 'year_over_year'
  format?: (typeof reportFormatChoices)[number]
  json?: boolean
  compact?: boolean
  output?: string
}

function isoDate(flag: string): (value: string) => string {
  return (value) => {
    if (!isIsoDate(value))
      throw new InvalidArgumentError(`${flag} takes a date as YYYY-MM-DD, e.g. 2026-03-15.`)
    return value
  }
}

/** The flags that say which sites a report covers (shared with `report-schedule add`). */
export function addScopeOptions(command: Command): Command {
  return command
    .option('--site <domain>', 'the site to report, as registered in Plausible (e.g. example.com)')
    .option('--all-sites', 'every site of the account (--account, or the default account)')
    .option('--all-accounts', 'every site of every configured account')
}

export function registerReport(report: Command, ctx: CliContext): void {
  const command = addConnectionOptions(
    addScopeOptions(report)
      .option('--period <key>', 'day, 24h, 7d, 28d, 30d, 91d, month, year, 6mo, 12mo or all (default 30d)')
      .addOption(
        new Option(
          '--date <date>',
          'anchor the period on this day: the day itself, its month or year, or the N days before it; FROM,TO is a custom range',
        ).argParser(parseDateFlag),
      )
      .addOption(
        new Option('--from <date>', 'first day of a custom range, YYYY-MM-DD').argParser(isoDate('--from')),
      )
      .addOption(
        new Option('--to <date>', 'last day of a custom range, YYYY-MM-DD').argParser(isoDate('--to')),
      )
      .addOption(
        new Option(
          '--compare <with>',
          'compare with the period before (or the year before) and show each change, as the dashboard does',
        ).choices(['previous_period', 'year_over_year']),
      )
      .addOption(
        new Option(
          '--format <type>',
          'md (Markdown, the default), html (one self-contained file for a browser or a mail) or json',
        ).choices(reportFormatChoices),
      )
      .option('--json', 'the report as JSON (same as --format json)')
      .option('--compact', compactHelp)
      .option('--output <file>', 'write the report to this file instead of stdout (replaced atomically)'),
  )
  describeCommand(command, {
    callsApi: true,
    isBriefInLlmsTxt: true,
    output: async () => (await import('../../../shared/report/model')).Report,
    notes:
      'A report of one site costs 7 reads (8 with --compare) plus the site list, each answered from the cache when the window or another command just read it; the cost is printed on stderr. With --all-sites or --all-accounts a site that cannot be read is listed in the report under "Not reported" and the exit code is 8.',
    examples: [
      {
        command: 'plausible report --site example.com --period 7d --compare previous_period',
        description: 'last week against the week before, as Markdown',
      },
      {
        command: 'plausible report --site example.com --period month --format html --output report.html',
        description: 'this month as one HTML file to open or mail',
      },
      {
        command: 'plausible report --all-sites --period 30d --format json',
        description: 'every site of the default account, as JSON',
      },
      {
        command: 'plausible report --all-accounts --period 7d --format html --output week.html',
        description: 'every site of every account in one file',
      },
    ],
  })
  command.action(async (flags: ReportFlags) => (await import('./report-action')).runReport(ctx, flags))
}
