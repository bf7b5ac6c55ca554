// The action of `plausible guests invite` (registered in invite.ts), loaded when the command runs.
import type { CliContext } from '../../context'
import { emit } from '../../emit'
import { withApi, type ConnectionFlags } from '../../shared-options'
import { accountInput } from '../sites/site-options'

export async function runGuestsInvite(
  ctx: CliContext,
  email: string,
  flags: ConnectionFlags & { site: string; role: 'viewer' | 'editor' },
): Promise<void> {
  await withApi(ctx, flags, async (api, account) => {
    const result = await api['guests.invite']({
      ...accountInput(account),
      site: flags.site,
      email,
      role: flags.role,
    })
    await emit(ctx, flags, {
      value: result,
      text: `${result.guest.email} is ${result.guest.status === 'invited' ? 'invited' : 'a guest'} as ${result.guest.role} on ${result.site}.\n`,
    })
  })
}
