// The action of `plausible goals add` (registered in add.ts), loaded when the command runs.
import { PlausibleError } from '../../../shared/errors'
import type { CliContext } from '../../context'
import { emit } from '../../emit'
import { withApi } from '../../shared-options'
import { accountInput } from '../sites/site-options'
import type { AddFlags } from './add'

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

export async function runGoalsAdd(ctx: CliContext, flags: AddFlags): Promise<void> {
  await withApi(ctx, flags, async (api, account) => {
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
  })
}
