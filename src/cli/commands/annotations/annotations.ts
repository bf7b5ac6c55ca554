// `plausible annotations list|add|remove|export`: deploys, campaigns and notes marked on a site's dates,
// kept in the config folder by the core (the window draws them on the graph, reports list them). They
// are synced nowhere and cost no request; export writes them as CSV or JSON.
import { InvalidArgumentError, Option, type Command } from 'commander'
import { isIsoDate } from '../../../shared/stats/calendar'
import { callSummaries } from '../../../shared/contract/summaries'
import { contractOutput, describeCommand } from '../../command-meta'
import type { CliContext } from '../../context'
import { addJsonOptions, addOutputOptions } from '../../emit'
import type { ConnectionFlags } from '../../shared-options'

export interface AnnotationsListFlags extends ConnectionFlags {
  site?: string
}

export interface AnnotationsAddFlags extends ConnectionFlags {
  site: string
  date: string
  text: string
  kind?: 'deploy' | 'campaign' | 'note'
}

export interface AnnotationsExportFlags {
  account?: string
  site?: string
  format?: 'csv' | 'json'
  output?: string
}

/** --date is checked where it is typed, so the message names the flag (the core names the field). */
export function calendarDate(value: string): string {
  if (!isIsoDate(value))
    throw new InvalidArgumentError(
      `--date takes a calendar date as YYYY-MM-DD, for example 2026-12-07 (got ${JSON.stringify(value)}).`,
    )
  return value
}

const accountOption = (command: Command): Command =>
  command.option('--account <alias>', 'account the site belongs to (default: the default account)')

const action =
  (
    ctx: CliContext,
    name: 'runAnnotationsList' | 'runAnnotationsAdd' | 'runAnnotationsRemove' | 'runAnnotationsExport',
  ) =>
  async (...args: unknown[]): Promise<void> => {
    const module = await import('./annotations-action')
    await (module[name] as (ctx: CliContext, ...rest: unknown[]) => Promise<void>)(ctx, ...args)
  }

export function registerAnnotationsCommands(annotations: Command, ctx: CliContext): void {
  const list = addOutputOptions(
    accountOption(
      annotations
        .command('list')
        .description(callSummaries['annotations.list'])
        .option('--site <domain>', "one site's annotations (default: every site of the account)"),
    ),
  )
  describeCommand(list, {
    isBriefInLlmsTxt: true,
    output: contractOutput('annotations.list'),
    examples: [{ command: 'plausible annotations list --site example.com', description: 'oldest first' }],
  })
  list.action(action(ctx, 'runAnnotationsList'))

  const add = addJsonOptions(
    accountOption(
      annotations
        .command('add')
        .description(callSummaries['annotations.add'])
        .requiredOption('--site <domain>', 'site domain, e.g. example.com')
        .requiredOption('--date <YYYY-MM-DD>', 'the day, in the site’s timezone', calendarDate)
        .requiredOption('--text <text>', 'what happened (up to 200 characters)')
        .addOption(
          new Option('--kind <kind>', 'deploy, campaign or note (default)').choices([
            'deploy',
            'campaign',
            'note',
          ]),
        ),
    ),
  )
  describeCommand(add, {
    isBriefInLlmsTxt: true,
    output: contractOutput('annotations.add'),
    examples: [
      {
        command: 'plausible annotations add --site example.com --date 2026-11-20 --kind deploy --text "v2.3"',
        description: 'mark a deploy',
      },
    ],
  })
  add.action(action(ctx, 'runAnnotationsAdd'))

  const remove = addJsonOptions(
    annotations
      .command('remove')
      .description(callSummaries['annotations.remove'])
      .argument('<id>', 'its id (see list)'),
  )
  describeCommand(remove, {
    isBriefInLlmsTxt: true,
    output: contractOutput('annotations.remove'),
    examples: [{ command: 'plausible annotations remove a-0a1b2c3d4e', description: 'remove that one' }],
  })
  remove.action(action(ctx, 'runAnnotationsRemove'))

  const exported = accountOption(
    annotations
      .command('export')
      .description('Write annotations as CSV (default) or JSON, oldest first, to stdout or a file.')
      .option('--site <domain>', "one site's annotations (default: every site of the account)")
      .addOption(new Option('--format <format>', 'csv (default) or json').choices(['csv', 'json']))
      .option('--output <file>', 'write to this file (replaced atomically) instead of stdout'),
  )
  describeCommand(exported, {
    isBriefInLlmsTxt: true,
    examples: [
      {
        command: 'plausible annotations export --site example.com --output annotations.csv',
        description: 'a spreadsheet of the site’s annotations',
      },
    ],
  })
  exported.action(action(ctx, 'runAnnotationsExport'))
}
