// The action of `plausible accounts budget` (registered in budget.ts), loaded when the command runs.
import { PlausibleError } from '../../../shared/errors'
import type { CliContext } from '../../context'
import { emit, formatFrom } from '../../emit'
import { withApi } from '../../shared-options'
import type { BudgetFlags } from './budget'

export async function runAccountsBudget(ctx: CliContext, alias: string, flags: BudgetFlags): Promise<void> {
  await withApi(ctx, flags, async (api) => {
    const setsLimits = flags.hourly !== undefined || flags.daily !== undefined
    if (setsLimits === Boolean(flags.clear))
      throw new PlausibleError('USAGE', {
        message: 'Give --hourly and/or --daily, or --clear.',
        hint: 'plausible accounts budget work --hourly 300 --daily 5000',
      })
    const result = await api['accounts.budget']({
      alias,
      ...(flags.clear ? { clear: true } : {}),
      ...(flags.hourly !== undefined ? { hourlyLimit: flags.hourly } : {}),
      ...(flags.daily !== undefined ? { dailyCap: flags.daily } : {}),
    })
    if (formatFrom(flags) === 'json') return emit(ctx, flags, { value: result })
    const { account } = result
    ctx.stdout.write(
      `${account.alias}: ${account.hourlyLimit} requests/hour, ${account.dailyCap ? `${account.dailyCap}/day` : 'no daily cap'}\n`,
    )
  })
}
