// The action of `plausible report` (registered in report.ts), loaded when the command runs: the flags as a
// report.build call (at CLI priority, through the app when it runs), rendered by the shared renderers, so
// the file is byte for byte what the window exports.
import { PlausibleError, exitCodes } from '../../../shared/errors'
import type { ReportPeriod, ReportScope } from '../../../shared/report/model'
import { reportPeriodKeys } from '../../../shared/report/model'
import { renderReport, type ReportFormat } from '../../../shared/report/render'
import { costLine } from '../../../shared/report/words'
import type { CliContext } from '../../context'
import { compactJson } from '../../emit'
import { customRangeOf } from '../../flags/period'
import { withApi } from '../../shared-options'
import type { ReportFlags } from './report'

/** --site, --all-sites, --all-accounts: exactly one. */
export function scopeOf(flags: Pick<ReportFlags, 'site' | 'allSites' | 'allAccounts'>): ReportScope {
  const given = [
    ...(flags.site !== undefined ? ['--site'] : []),
    ...(flags.allSites ? ['--all-sites'] : []),
    ...(flags.allAccounts ? ['--all-accounts'] : []),
  ]
  if (given.length !== 1)
    throw new PlausibleError('USAGE', {
      message:
        given.length === 0
          ? 'Name what to report: --site, --all-sites or --all-accounts.'
          : `${given.join(' and ')} ask for different sites; give one of them.`,
      hint: 'Example: --site example.com, or --all-sites for every site of the account.',
    })
  if (flags.site !== undefined) return { kind: 'site', site: flags.site }
  return flags.allSites ? { kind: 'account' } : { kind: 'all-accounts' }
}

/** --period/--date/--from/--to as a dashboard period (custom ranges spelled any of the stats commands' ways). */
export function periodOf(given: Pick<ReportFlags, 'period' | 'date' | 'from' | 'to'>): ReportPeriod {
  const flags = customRangeOf(given)
  if (flags.from !== undefined || flags.to !== undefined) {
    if (flags.from === undefined || flags.to === undefined)
      throw new PlausibleError('USAGE', {
        message: '--from and --to go together.',
        hint: 'Example: --from 2026-01-01 --to 2026-01-31',
      })
    if (flags.period !== undefined)
      throw new PlausibleError('USAGE', {
        message: 'Use either --period or --from/--to, not both.',
        hint: 'Example: --period 30d, or --from 2026-01-01 --to 2026-01-31',
      })
    if (flags.to < flags.from)
      throw new PlausibleError('USAGE', {
        message: `--to ${flags.to} is before --from ${flags.from}.`,
        hint: 'Give the first day with --from and the last with --to.',
      })
    return { key: 'custom', from: flags.from, to: flags.to }
  }
  const key = flags.period ?? '30d'
  if (!(reportPeriodKeys as readonly string[]).includes(key) || key === 'custom')
    throw new PlausibleError('USAGE', {
      message: `A report covers one of the dashboard's periods; --period ${key} is not one.`,
      hint: 'Use day, 24h, 7d, 28d, 30d, 91d, month, year, 6mo, 12mo or all; or --from/--to.',
    })
  return { key: key as ReportPeriod['key'], ...(flags.date !== undefined ? { date: flags.date } : {}) }
}

function formatOfFlags(flags: ReportFlags): ReportFormat {
  const asJson = flags.json === true || flags.compact === true
  if (asJson && flags.format !== undefined && flags.format !== 'json')
    throw new PlausibleError('USAGE', {
      message: `--${flags.compact ? 'compact' : 'json'} and --format ${flags.format} ask for two formats.`,
      hint: 'Use one of them: --json is the same as --format json, and --compact implies it.',
    })
  return asJson ? 'json' : (flags.format ?? 'md')
}

export async function runReport(ctx: CliContext, flags: ReportFlags): Promise<void> {
  // Errors as JSON when the report itself is JSON; --format md|html are the report's, not the table's.
  const { format: _format, json: _json, compact: _compact, output: _output, ...connection } = flags
  const isJson = flags.json === true || flags.compact === true || flags.format === 'json'
  await withApi(ctx, { ...connection, ...(isJson ? { json: true } : {}) }, async (api, account) => {
    const format = formatOfFlags(flags)
    const scope = scopeOf(flags)
    const period = periodOf(flags)
    const report = await api['report.build']({
      ...(account ? { account } : {}),
      scope,
      period,
      ...(flags.compare ? { compare: flags.compare } : {}),
    })
    const text = flags.compact ? `${JSON.stringify(compactJson(report))}\n` : renderReport(report, format)
    if (flags.output) {
      const { writeOutputFile } = await import('../../output-file')
      await writeOutputFile(flags.output, text, { streams: { stdout: ctx.stdout, stderr: ctx.stderr } })
    } else ctx.stdout.write(text)
    ctx.stderr.write(`note: ${costLine(report)}.\n`)
    for (const failure of report.failures)
      ctx.stderr.write(
        `warning: ${failure.site ?? `account ${failure.account}`} was not reported: ${failure.message}\n`,
      )
    if (report.failures.length > 0) process.exitCode = exitCodes.partial
  })
}
