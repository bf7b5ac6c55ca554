// `plausible events template`: a valid Events API event (§7) to start from — for `events send --data`,
// a line of an NDJSON import, or the window's composer. It is checked by the same rules as a send.
import type { Command } from 'commander'
import { describeCommand } from '../../command-meta'
import type { CliContext } from '../../context'
import { addOutputOptions, type OutputFlags } from '../../emit'

export interface TemplateFlags extends OutputFlags {
  site?: string
  name?: string
}

export function registerEventsTemplate(events: Command, ctx: CliContext): void {
  const command = addOutputOptions(
    events
      .command('template')
      .description('Print a valid event as JSON to start from (edit it, then events send --data or --file).')
      .option('--site <domain>', 'the site domain to put in it (default example.com)')
      .option('--name <name>', 'pageview (default) or a custom event name, e.g. Signup'),
  )
  describeCommand(command, {
    output: async () => (await import('../../../shared/plausible/event')).EventInput,
    examples: [
      { command: 'plausible events template', description: 'a pageview event to edit' },
      {
        command: 'plausible events template --site shop.example.com --name Signup > signup.json',
        description: 'a custom event for a site, saved to a file for events send --file',
      },
    ],
  })
  command.action(async (flags: TemplateFlags) =>
    (await import('./template-action')).runEventsTemplate(ctx, flags),
  )
}
