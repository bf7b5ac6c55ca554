// `plausible imports list|show`: the history of `events import` runs (issue 18), each set against the
// previous run of the same source. Read from the config folder: sends no request.
import type { Command } from 'commander'
import { describeCommand } from '../../command-meta'
import type { CliContext } from '../../context'
import { addJsonOptions, type OutputFlags } from '../../emit'

export type ImportsFlags = OutputFlags

export function registerImportsCommands(imports: Command, ctx: CliContext): void {
  const list = addJsonOptions(
    imports
      .command('list')
      .description('Every events import run, newest first, with what changed since the previous run.'),
  )
  describeCommand(list, {
    callsApi: false,
    isBriefInLlmsTxt: true,
    output: async () => (await import('./imports-action')).ImportsList,
    examples: [{ command: 'plausible imports list', description: 'one line per run' }],
  })
  list.action(async (flags: ImportsFlags) => (await import('./imports-action')).runImportsList(ctx, flags))

  const show = addJsonOptions(
    imports
      .command('show')
      .description('One import run and its comparison with the previous run of the same source.')
      .argument('[id]', 'the run (see imports list; default: the latest)'),
  )
  describeCommand(show, {
    callsApi: false,
    isBriefInLlmsTxt: true,
    output: async () => (await import('../../../shared/imports/import-comparison')).ComparedImport,
    examples: [
      { command: 'plausible imports show', description: 'the latest run, beside the one before it' },
      {
        command: 'plausible imports show imp-20250101T120000000Z-0a1b2c --json',
        description: 'one run as JSON',
      },
    ],
  })
  show.action(async (id: string | undefined, flags: ImportsFlags) =>
    (await import('./imports-action')).runImportsShow(ctx, id, flags),
  )
}
