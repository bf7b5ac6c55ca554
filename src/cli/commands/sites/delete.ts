// `plausible sites delete <domain>`: deletes the site and its stats for good; asks first, or needs --force.
import type { Command } from 'commander'
import { callSummaries } from '../../../shared/contract/summaries'
import { contractOutput, describeCommand } from '../../command-meta'
import type { CliContext } from '../../context'
import { addApiOptions, type ConnectionFlags } from '../../shared-options'

export function registerSitesDelete(sites: Command, ctx: CliContext): void {
  const command = addApiOptions(
    sites
      .command('delete')
      .argument('<domain>', 'the site to delete')
      .description(callSummaries['sites.delete'])
      .option('--force', 'delete without asking (needed when no terminal can answer)'),
  )
  describeCommand(command, {
    callsApi: true,
    output: contractOutput('sites.delete'),
    notes:
      'Only the owner of the site may delete it. On a terminal the command asks first; in scripts add --force.',
    examples: [
      { command: 'plausible sites delete old.example.com', description: 'asks before deleting' },
      { command: 'plausible sites delete old.example.com --force --json', description: 'in a script' },
    ],
  })
  command.action(async (domain: string, flags: ConnectionFlags & { force?: boolean }) =>
    (await import('./delete-action')).runSitesDelete(ctx, domain, flags),
  )
}
