// `plausible sites delete <domain>`: deletes the site and its stats for good; asks first, or needs --force.
import type { Command } from 'commander'
import { calls } from '../../../shared/contract'
import { describeCommand } from '../../command-meta'
import type { CliContext } from '../../context'
import { emit } from '../../emit'
import { addApiOptions, withApi, type ConnectionFlags } from '../../shared-options'
import { accountInput, confirmOrForce } from './site-options'

export function registerSitesDelete(sites: Command, ctx: CliContext): void {
  const command = addApiOptions(
    sites
      .command('delete')
      .argument('<domain>', 'the site to delete')
      .description(calls['sites.delete'].summary)
      .option('--force', 'delete without asking (needed when no terminal can answer)'),
  )
  describeCommand(command, {
    callsApi: true,
    output: calls['sites.delete'].output,
    notes:
      'Only the owner of the site may delete it. On a terminal the command asks first; in scripts add --force.',
    examples: [
      { command: 'plausible sites delete old.example.com', description: 'asks before deleting' },
      { command: 'plausible sites delete old.example.com --force --json', description: 'in a script' },
    ],
  })
  command.action((domain: string, flags: ConnectionFlags & { force?: boolean }) =>
    withApi(ctx, flags, async (api, account) => {
      // A dry run sends nothing, so it needs no confirmation.
      const isConfirmed =
        flags.dryRun === true ||
        (await confirmOrForce(ctx, {
          ...(flags.force ? { force: true } : {}),
          question: `Delete ${domain} and all its stats? There is no undo.`,
          forceHint: `Add --force to delete ${domain} and all its stats: \`plausible sites delete ${domain} --force\`.`,
        }))
      if (!isConfirmed) {
        ctx.stderr.write(`Nothing was deleted.\n`)
        return
      }
      const result = await api['sites.delete']({ ...accountInput(account), site: domain })
      await emit(ctx, flags, { value: result, text: `Deleted ${result.site} and its stats.\n` })
    }),
  )
}
