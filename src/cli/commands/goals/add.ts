// `plausible goals add --site <domain> (--event <name> | --page <path>)`: find or create a goal (§6).
import type { Command } from 'commander'
import { calls } from '../../../shared/contract'
import { PlausibleError } from '../../../shared/errors'
import { describeCommand } from '../../command-meta'
import type { CliContext } from '../../context'
import { emit } from '../../emit'
import { addApiOptions, withApi, type ConnectionFlags } from '../../shared-options'
import { accountInput, addSiteOption } from '../sites/site-options'

type AddFlags = ConnectionFlags & {
  site: string
  event?: string
  page?: string
  displayName?: string
  prop?: string[]
}

export function registerGoalsAdd(goals: Command, ctx: CliContext): void {
  const command = addApiOptions(
    addSiteOption(
      goals
        .command('add')
        .description(calls['goals.add'].summary)
        .option('--event <name>', 'a custom event goal: the event name, e.g. Signup')
        .option('--page <path>', 'a pageview goal: the page path, e.g. /thank-you (wildcards * allowed)')
        .option(
          '--display-name <name>',
          'how the dashboard names it (default: the event name or "Visit <path>")',
        )
        .option(
          '--prop <key=value>',
          'count only events with this custom property (repeatable)',
          collect,
          [],
        ),
    ),
  )
  describeCommand(command, {
    callsApi: true,
    output: calls['goals.add'].output,
    notes: 'Adding a goal that exists answers that goal: running the command twice creates one goal.',
    examples: [
      {
        command: 'plausible goals add --site example.com --event Signup',
        description: 'a custom event goal',
      },
      {
        command: 'plausible goals add --site example.com --page /thank-you --display-name "Thank you page"',
        description: 'a pageview goal with a name',
      },
    ],
  })
  command.action((flags: AddFlags) =>
    withApi(ctx, flags, async (api, account) => {
      if ((flags.event === undefined) === (flags.page === undefined))
        throw new PlausibleError('USAGE', {
          message: 'Give --event <name> or --page <path>, one of them.',
          hint: 'For example `plausible goals add --site example.com --event Signup`.',
        })
      const customProps = propsFrom(flags.prop ?? [])
      const result = await api['goals.add']({
        ...accountInput(account),
        site: flags.site,
        ...(flags.event !== undefined
          ? { goalType: 'event' as const, eventName: flags.event }
          : { goalType: 'page' as const, pagePath: flags.page ?? '' }),
        ...(flags.displayName ? { displayName: flags.displayName } : {}),
        ...(Object.keys(customProps).length > 0 ? { customProps } : {}),
      })
      await emit(ctx, flags, {
        value: result,
        text: `Goal ${result.goal.id} "${result.goal.displayName}" is on ${result.site}.\n`,
      })
    }),
  )
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value]
}

function propsFrom(pairs: string[]): Record<string, string> {
  const props: Record<string, string> = {}
  for (const pair of pairs) {
    const at = pair.indexOf('=')
    if (at < 1)
      throw new PlausibleError('USAGE', {
        message: `--prop ${JSON.stringify(pair)} is not key=value.`,
        hint: 'Write it as --prop plan=pro.',
      })
    props[pair.slice(0, at)] = pair.slice(at + 1)
  }
  return props
}
