// The action of `plausible status` (registered in status.ts), loaded when the command runs.
import { z } from 'zod'
import { StatusReport } from '../../shared/contract'
import { describeSources } from '../../shared/stats/usage'
import type { CliContext } from '../context'
import { emit } from '../emit'
import { withApi, type ConnectionFlags } from '../shared-options'
import { isAppRunning } from './app-presence'

export const StatusOutput = StatusReport.extend({
  /** The desktop app (or `plausible ui`) answers on its control socket. */
  appRunning: z.boolean(),
})

export async function runStatus(ctx: CliContext, flags: ConnectionFlags): Promise<void> {
  await withApi(ctx, flags, async (api) => {
    const [report, appRunning] = await Promise.all([api['status.get']({}), isAppRunning(ctx.configDir)])
    const rows = report.accounts.map((account) => ({
      account: account.alias,
      default: account.isDefault ? 'yes' : '',
      server: account.isDemo ? 'Demo (built-in sandbox)' : account.baseUrl,
      key: account.keySource,
      left: account.budget ? `${account.budget.remainingThisHour}/${account.budget.hourlyLimit}` : '-',
      resets: account.budget ? account.budget.resetsAt.slice(11, 16) : '-',
      paused: account.budget?.pausedUntil ?? '',
      spent: account.budget?.thisHourBySource ? describeSources(account.budget.thisHourBySource) : '',
    }))
    const { queue } = report
    const journal = `Write journal: ${queue.pending} pending (${queue.inFlight} in flight), ${queue.failed} failed${queue.isDelivering ? '' : ', delivered by another process'}.`
    const app = appRunning
      ? 'App: running (commands go through it and share its queue).'
      : 'App: not running (commands run in this process).'
    const accounts = rows.length
      ? rows
          .map(
            (row) =>
              `${row.account}${row.default ? ' (default)' : ''}: ${row.left} requests left this hour${row.spent && row.spent !== 'none' ? ` (spent: ${row.spent})` : ''}, resets ${row.resets} UTC${row.paused ? `, paused until ${row.paused}` : ''} · ${row.server}`,
          )
          .join('\n')
      : 'No account is configured: add one with `plausible accounts add`.'
    await emit(ctx, flags, {
      value: { ...report, appRunning },
      rows,
      text: `${accounts}\n${journal}\n${app}\n`,
    })
  })
}
