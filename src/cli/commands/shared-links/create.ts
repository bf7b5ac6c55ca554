// `plausible shared-links create --site <domain> <name>`: a named link to the dashboard, found or created.
import type { Command } from 'commander'
import { calls } from '../../../shared/contract'
import { describeCommand } from '../../command-meta'
import type { CliContext } from '../../context'
import { emit } from '../../emit'
import { addApiOptions, withApi, type ConnectionFlags } from '../../shared-options'
import { accountInput, addSiteOption } from '../sites/site-options'

export function registerSharedLinksCreate(links: Command, ctx: CliContext): void {
  const command = addApiOptions(
    addSiteOption(
      links
        .command('create')
        .argument('<name>', 'what the link is for, e.g. Investors')
        .description(calls['sharedLinks.create'].summary),
    ),
  )
  describeCommand(command, {
    callsApi: true,
    output: calls['sharedLinks.create'].output,
    notes: 'The same name answers the same link, so the command is safe to run again.',
    examples: [
      {
        command: 'plausible shared-links create --site example.com Investors',
        description: 'print the link',
      },
      {
        command: 'plausible shared-links create --site example.com Investors --json',
        description: 'name and URL as JSON',
      },
    ],
  })
  command.action((name: string, flags: ConnectionFlags & { site: string }) =>
    withApi(ctx, flags, async (api, account) => {
      const result = await api['sharedLinks.create']({ ...accountInput(account), site: flags.site, name })
      await emit(ctx, flags, { value: result, text: `${result.name}: ${result.url}\n` })
    }),
  )
}
