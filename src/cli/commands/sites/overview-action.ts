// The action of `plausible sites overview` (registered in overview.ts), loaded when the command runs: asks
// overview.get and waits for its refresh, prints the cards, and says on stderr what is stale and why — the
// exit code stays 0 while any numbers show.
import type { OverviewAccount, OverviewCard, OverviewReport } from '../../../shared/contract/overview'
import type { CliContext } from '../../context'
import { emit } from '../../emit'
import { renderTable } from '../../output'
import { withApi } from '../../shared-options'
import type { OverviewFlags } from './overview'

export async function runSitesOverview(ctx: CliContext, flags: OverviewFlags): Promise<void> {
  await withApi(ctx, flags, async (api, account) => {
    const report = await api['overview.get']({
      ...(account ? { account } : {}),
      refresh: flags.refresh ? 'all' : 'due',
      awaitRefresh: true,
    })
    const now = Date.parse(report.generatedAt)
    for (const line of warningsOf(report, now)) ctx.stderr.write(`warning: ${line}\n`)
    await emit(ctx, flags, {
      value: report,
      rows: report.cards.map(rowOf),
      text: textOf(report, now),
    })
  })
}

/** One flat row per site, for CSV and NDJSON: the card's numbers without nesting. */
function rowOf(card: OverviewCard): Record<string, unknown> {
  return {
    account: card.account,
    site: card.site,
    visitors: card.visitors,
    previousVisitors: card.previousVisitors,
    change: card.change,
    currentVisitors: card.currentVisitors?.visitors ?? null,
    currentVisitorsAt: card.currentVisitors?.at ?? null,
    asOf: card.asOf,
    stale: card.stale,
    error: card.error?.code ?? null,
    sparkline: card.sparkline.map((hour) => hour.visitors),
  }
}

function textOf(report: OverviewReport, now: number): string {
  if (report.cards.length === 0) {
    const names = report.accounts.map((account) => account.account).join(', ')
    return `${names || 'No account'} has no sites to show.\n${summaryOf(report, now)}`
  }
  const table = renderTable(
    ['account', 'site', 'visitors 24h', 'change', 'now', 'last 24 hours', 'updated'],
    report.cards.map((card) => [
      card.account,
      card.site,
      card.visitors ?? '—',
      changeText(card),
      card.currentVisitors?.visitors ?? '—',
      textSparkline(card.sparkline.map((hour) => hour.visitors)),
      updatedText(card, now),
    ]),
  )
  return `${table}\n${summaryOf(report, now)}`
}

/** "23 sites · 23 requests per refresh · next in 12 min", as the window's page says it. */
function summaryOf(report: OverviewReport, now: number): string {
  const { siteCount, requestsPerRefresh, nextRefreshAt } = report.refresh
  const next = nextRefreshAt === null ? 'no refresh due' : `next ${inText(Date.parse(nextRefreshAt) - now)}`
  return `${plural(siteCount, 'site')} · ${plural(requestsPerRefresh, 'request')} per refresh · ${next}\n`
}

function changeText(card: OverviewCard): string {
  if (card.change !== null) return `${card.change > 0 ? '+' : ''}${card.change}%`
  // Nothing in the 24 hours before: a new site, where Plausible's page would say +100 %.
  return card.visitors !== null && card.visitors > 0 ? 'new' : '—'
}

function updatedText(card: OverviewCard, now: number): string {
  if (card.asOf === null) return card.error ? `never (${card.error.code})` : 'never'
  const age = agoText(now - Date.parse(card.asOf))
  if (card.error) return `${age} (${card.error.code})`
  return card.stale ? `${age} (${card.stale})` : age
}

function warningsOf(report: OverviewReport, now: number): string[] {
  const lines = [...(report.notices ?? [])]
  for (const account of report.accounts) {
    const line = accountWarning(account, report.cards, now)
    if (line) lines.push(line)
  }
  for (const card of report.cards)
    if (card.error) lines.push(`${card.site} (${card.account}): ${card.error.message}`)
  return lines
}

function accountWarning(account: OverviewAccount, cards: OverviewCard[], now: number): string | null {
  const read = cards
    .filter((card) => card.account === account.account && card.asOf !== null)
    .map((card) => Date.parse(card.asOf ?? ''))
  const oldest = read.length > 0 ? Math.min(...read) : null
  const shown =
    oldest === null
      ? 'no numbers yet'
      : `numbers from ${new Date(oldest).toISOString()} (${agoText(now - oldest)})`
  const next = account.nextRefreshAt ? `; the next refresh can run at ${account.nextRefreshAt}` : ''
  switch (account.stale) {
    case 'budget':
      return `${account.account} has no budget left for the overview: its sites show ${shown}${next}.`
    case 'rate-limited':
      return `${account.account}: the server refused this key's requests for the rest of the hour (429); its sites show ${shown}${next}.`
    case 'error':
      return account.error ? `${account.account}: ${account.error.message} ${account.error.hint}` : null
    default:
      return account.error ? `${account.account}: ${account.error.message}` : null
  }
}

const bars = '▁▂▃▄▅▆▇█'

/** One block per hour, scaled to the busiest hour; empty when there are no numbers. */
export function textSparkline(values: readonly number[]): string {
  const max = Math.max(0, ...values)
  return values
    .map((value) => bars[max === 0 ? 0 : Math.round((value / max) * (bars.length - 1))] ?? bars[0])
    .join('')
}

function agoText(ms: number): string {
  const minutes = Math.floor(Math.max(0, ms) / 60_000)
  if (minutes < 1) return 'just now'
  if (minutes < 60) return `${minutes} min ago`
  const hours = Math.floor(minutes / 60)
  return hours < 48 ? `${hours} h ago` : `${Math.floor(hours / 24)} days ago`
}

function inText(ms: number): string {
  const minutes = Math.ceil(Math.max(0, ms) / 60_000)
  if (minutes < 1) return 'now'
  if (minutes < 60) return `in ${minutes} min`
  const hours = Math.floor(minutes / 60)
  const rest = minutes % 60
  return `in ${hours} h${rest > 0 ? ` ${rest} min` : ''}`
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`
}
