// Renders a metrics snapshot in the Prometheus text exposition format (0.0.4, which OpenMetrics scrapers
// read too). Every value is a gauge or a histogram of the moment: the ledger's hour, the journal now, and
// the last requests the history keeps — none is a counter since the process started, so a scraper never
// sees a reset when the CLI or the app restarts.
import { requestPriorities } from '../contract/calls'
import type { MetricsSnapshot } from './metrics-snapshot'

export const prometheusContentType = 'text/plain; version=0.0.4; charset=utf-8'

/** Upper bounds (seconds) of the request latency histogram; a request of exactly a bound falls in it. */
export const latencyBucketsSeconds = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] as const

type Labels = Record<string, string>
interface Sample {
  labels: Labels
  value: number
  /** Appended to the family's name (`_bucket`, `_sum`, `_count`). */
  suffix?: string
}
interface Family {
  name: string
  help: string
  type: 'gauge' | 'histogram'
  samples: Sample[]
}

export function renderPrometheusText(snapshot: MetricsSnapshot): string {
  const families = [...budgetFamilies(snapshot), ...queueFamilies(snapshot), ...httpFamilies(snapshot)]
  families.push(...realtimeFamilies(snapshot))
  // A family with no sample (no daily cap, no pinned site) is left out rather than declared empty.
  return families
    .filter((family) => family.samples.length > 0)
    .map(renderFamily)
    .join('')
}

function budgetFamilies({ status }: MetricsSnapshot): Family[] {
  const budgets = status.accounts.flatMap((row) => (row.budget ? [row.budget] : []))
  const perAccount = (
    name: string,
    help: string,
    value: (budget: (typeof budgets)[number]) => number | null,
  ) =>
    gauge(
      name,
      help,
      budgets.flatMap((budget) => {
        const number = value(budget)
        return number === null ? [] : [{ labels: { account: budget.account }, value: number }]
      }),
    )
  return [
    perAccount(
      'plausible_budget_hourly_limit',
      'API requests the account may send per UTC hour.',
      (b) => b.hourlyLimit,
    ),
    perAccount(
      'plausible_budget_used_this_hour',
      'API requests counted this UTC hour, by every process.',
      (b) => b.usedThisHour,
    ),
    perAccount(
      'plausible_budget_remaining_this_hour',
      'API requests left this UTC hour.',
      (b) => b.remainingThisHour,
    ),
    perAccount(
      'plausible_budget_reserve',
      'Requests of each hour that background refresh and tray polling leave to the window and the CLI.',
      (b) => b.reservedForInteractive ?? null,
    ),
    gauge(
      'plausible_budget_used_this_hour_by_source',
      'API requests counted this UTC hour, by who asked: interactive (window), cli, background, tray.',
      budgets.flatMap((budget) =>
        budget.thisHourBySource
          ? requestPriorities.map((source) => ({
              labels: { account: budget.account, source },
              value: budget.thisHourBySource?.[source] ?? 0,
            }))
          : [],
      ),
    ),
    perAccount(
      'plausible_budget_daily_limit',
      'The daily cap (requests per local day), where one is set.',
      (b) => b.dailyLimit ?? null,
    ),
    perAccount(
      'plausible_budget_used_today',
      'API requests counted this local day.',
      (b) => b.usedToday ?? null,
    ),
    perAccount(
      'plausible_budget_paused',
      '1 while the account is paused after a 429 (until the next UTC hour).',
      (b) => (b.pausedUntil ? 1 : 0),
    ),
    perAccount(
      'plausible_budget_last_429_timestamp_seconds',
      'When the server last answered 429 for the account (Unix seconds).',
      (b) => (b.lastPausedAt ? Date.parse(b.lastPausedAt) / 1000 : null),
    ),
  ]
}

function queueFamilies({ queue }: MetricsSnapshot): Family[] {
  return [
    gauge('plausible_queue_jobs', 'Jobs in the write journal by state (waiting includes jobs due later).', [
      { labels: { state: 'waiting' }, value: queue.pending - queue.inFlight },
      { labels: { state: 'in-flight' }, value: queue.inFlight },
      { labels: { state: 'failed' }, value: queue.failed },
    ]),
    gauge(
      'plausible_queue_possibly_delivered_jobs',
      'Jobs of the last day a crash cut short: the server may have them twice.',
      [{ labels: {}, value: queue.possiblyDelivered }],
    ),
    gauge('plausible_queue_corrupt_files', 'Journal files that could not be read, set aside.', [
      { labels: {}, value: queue.corrupt.files.length },
    ]),
    gauge(
      'plausible_queue_requests',
      'API requests of the answering process: queued for a turn, running, waiting for a reset or backoff.',
      queue.requests.flatMap(({ account, queued, running, waiting }) => [
        { labels: { account, state: 'queued' }, value: queued },
        { labels: { account, state: 'running' }, value: running },
        { labels: { account, state: 'waiting' }, value: waiting },
      ]),
    ),
  ]
}

function httpFamilies({ exchanges }: MetricsSnapshot): Family[] {
  const byCode = new Map<string, number>()
  for (const exchange of exchanges) {
    const code = exchange.status === null ? 'none' : String(exchange.status)
    byCode.set(code, (byCode.get(code) ?? 0) + 1)
  }
  const answered = exchanges.filter((exchange) => exchange.status !== null)
  return [
    gauge(
      'plausible_http_recent_responses',
      'The requests in the history (debug http) by status code; code="none" when no answer came.',
      [...byCode]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([code, value]) => ({ labels: { code }, value })),
    ),
    gauge('plausible_http_recent_429_responses', 'The 429 answers among the requests in the history.', [
      { labels: {}, value: byCode.get('429') ?? 0 },
    ]),
    latencyHistogram(answered.map((exchange) => exchange.durationMs)),
  ]
}

/** The histogram of the answered requests the history keeps; bounds are inclusive (`le`). */
export function latencyHistogram(durationsMs: readonly number[]): Family {
  const buckets: Sample[] = latencyBucketsSeconds.map((bound) => ({
    suffix: '_bucket',
    labels: { le: String(bound) },
    // Compared in milliseconds: 0.1 * 1000 is exact where 100 / 1000 <= 0.1 might not be.
    value: durationsMs.filter((ms) => ms <= bound * 1000).length,
  }))
  buckets.push({ suffix: '_bucket', labels: { le: '+Inf' }, value: durationsMs.length })
  const sumMs = durationsMs.reduce((total, ms) => total + ms, 0)
  return {
    name: 'plausible_http_request_duration_seconds',
    help: 'How long the answered requests in the history took.',
    type: 'histogram',
    samples: [
      ...buckets,
      { suffix: '_sum', labels: {}, value: sumMs / 1000 },
      { suffix: '_count', labels: {}, value: durationsMs.length },
    ],
  }
}

function realtimeFamilies({ realtime }: MetricsSnapshot): Family[] {
  const labels = (sample: (typeof realtime)[number]): Labels => ({
    account: sample.account,
    site: sample.site,
  })
  return [
    gauge(
      'plausible_realtime_visitors',
      "Current visitors of each pinned site, as the tray's last poll saw them.",
      realtime.map((sample) => ({ labels: labels(sample), value: sample.visitors })),
    ),
    gauge(
      'plausible_realtime_sample_timestamp_seconds',
      'When the tray took that sample (Unix seconds).',
      realtime.map((sample) => ({ labels: labels(sample), value: Date.parse(sample.at) / 1000 })),
    ),
  ]
}

function gauge(name: string, help: string, samples: Sample[]): Family {
  return { name, help, type: 'gauge', samples }
}

function renderFamily(family: Family): string {
  const lines = [`# HELP ${family.name} ${family.help}`, `# TYPE ${family.name} ${family.type}`]
  for (const sample of family.samples)
    lines.push(
      `${family.name}${sample.suffix ?? ''}${renderLabels(sample.labels)} ${renderValue(sample.value)}`,
    )
  return `${lines.join('\n')}\n`
}

function renderLabels(labels: Labels): string {
  const pairs = Object.entries(labels)
  if (pairs.length === 0) return ''
  return `{${pairs.map(([name, value]) => `${name}="${escapeLabelValue(value)}"`).join(',')}}`
}

/** The format's three escapes in a label value: backslash, double quote and line feed. */
export function escapeLabelValue(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')
}

function renderValue(value: number): string {
  if (Number.isNaN(value)) return 'NaN'
  if (value === Infinity) return '+Inf'
  if (value === -Infinity) return '-Inf'
  return String(value)
}
