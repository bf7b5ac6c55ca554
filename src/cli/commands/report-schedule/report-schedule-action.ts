// The actions of `plausible report-schedule …` (registered in schedule.ts), loaded when one runs.
import { resolve } from 'node:path'
import { exitCodes } from '../../../shared/errors'
import type { ReportSchedules } from '../../../shared/report/schedule'
import type { CliContext } from '../../context'
import { render, type OutputFlags } from '../../emit'
import { renderTable } from '../../output'
import { withApi, type ConnectionFlags } from '../../shared-options'
import { scopeOf } from '../report/report-action'
import type { ScheduleAddFlags } from './report-schedule'

function print(ctx: CliContext, flags: OutputFlags, value: unknown, text: string): void {
  const json = flags.json === true || flags.compact === true
  ctx.stdout.write(json ? render('json', flags.compact === true, { value }) : text)
}

function scheduleTable(list: ReportSchedules): string {
  if (list.schedules.length === 0)
    return 'No scheduled reports. Add one with `plausible report-schedule add`.\n'
  return renderTable(
    ['id', 'every', 'what', 'format', 'folder', 'last written'],
    list.schedules.map((schedule) => {
      const run = list.runs[schedule.id]
      const what =
        schedule.scope === 'site'
          ? (schedule.site ?? '')
          : schedule.scope === 'account'
            ? `all sites of ${schedule.account ?? 'the default account'}`
            : 'all sites of all accounts'
      const last = run?.files.length
        ? `${run.at.slice(0, 16).replace('T', ' ')} UTC`
        : run?.error
          ? `failed: ${run.error}`
          : 'not yet'
      return [
        schedule.id,
        schedule.cadence === 'weekly' ? 'week' : 'month',
        what,
        schedule.format,
        schedule.folder,
        last,
      ]
    }),
  )
}

export async function runScheduleAdd(ctx: CliContext, flags: ScheduleAddFlags): Promise<void> {
  await withApi(ctx, flags, async (api, account) => {
    const scope = scopeOf(flags)
    const answer = await api['reportSchedules.add']({
      cadence: flags.every === 'week' ? 'weekly' : 'monthly',
      scope: scope.kind,
      ...(scope.kind === 'site' ? { site: scope.site } : {}),
      ...(account && scope.kind !== 'all-accounts' ? { account } : {}),
      format: flags.reportFormat ?? 'html',
      folder: resolve(flags.folder),
      // Each report against the period before, as Plausible's own e-mail reports do.
      compare: 'previous_period',
    })
    const { schedule } = answer
    const when = schedule.cadence === 'weekly' ? 'every Monday' : 'on the 1st of every month'
    print(
      ctx,
      flags,
      answer,
      `Scheduled ${schedule.id}: ${when} at 00:00 (${schedule.timeZone}), a report into ${schedule.folder}.\n` +
        'The app and `plausible ui` write it when the period starts; without them, run `plausible report-schedule run` (e.g. from cron).\n',
    )
  })
}

export async function runScheduleList(ctx: CliContext, flags: ConnectionFlags): Promise<void> {
  await withApi(ctx, flags, async (api) => {
    const list = await api['reportSchedules.list']({})
    print(ctx, flags, list, scheduleTable(list))
  })
}

export async function runScheduleRemove(ctx: CliContext, id: string, flags: ConnectionFlags): Promise<void> {
  await withApi(ctx, flags, async (api) => {
    const list = await api['reportSchedules.remove']({ id })
    print(ctx, flags, list, `Removed ${id}.\n`)
  })
}

export async function runScheduleRun(ctx: CliContext, flags: ConnectionFlags): Promise<void> {
  await withApi(ctx, flags, async (api) => {
    const result = await api['reportSchedules.run']({})
    const lines = [
      ...(result.ran
        ? []
        : ['Another process (the app or `plausible ui`) is writing the scheduled reports now.']),
      ...result.written.map((entry) => `wrote ${entry.path}`),
      ...result.failed.map((entry) => `${entry.id} failed: ${entry.message}`),
      ...(result.ran && result.written.length === 0 && result.failed.length === 0 ? ['Nothing is due.'] : []),
    ]
    print(ctx, flags, result, `${lines.join('\n')}\n`)
    if (result.failed.length > 0) process.exitCode = exitCodes.partial
  })
}
