// The action of `plausible stats realtime` (registered in realtime.ts), loaded when the command runs.
import { z } from 'zod'
import { lazySchema } from '../../../shared/lazy-schema'
import type { CliContext } from '../../context'
import { emit } from '../../emit'
import { withApi, type ConnectionFlags } from '../../shared-options'

export const RealtimeOutput = lazySchema(() =>
  z.object({ site: z.string(), visitors: z.number().int().nonnegative() }),
)

export async function runStatsRealtime(
  ctx: CliContext,
  flags: ConnectionFlags & { site: string },
): Promise<void> {
  await withApi(ctx, flags, async (api, account) => {
    const result = await api['stats.realtime']({ ...(account ? { account } : {}), site: flags.site })
    await emit(ctx, flags, {
      value: result,
      text: `${result.visitors} current visitor${result.visitors === 1 ? '' : 's'} on ${result.site}\n`,
    })
  })
}
