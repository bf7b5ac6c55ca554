import { describe, expect, it } from 'vitest'
import type { BudgetSnapshot, HttpExchange, QueueInspection } from '../../../../src/shared/contract/calls'
import type { MetricsSnapshot } from '../../../../src/shared/metrics/metrics-snapshot'
import { renderPrometheusText } from '../../../../src/shared/metrics/prometheus-text'
import { parseMetrics } from '../../../helpers/prometheus'

const budget = (account: string, overrides: Partial<BudgetSnapshot> = {}): BudgetSnapshot => ({
  account,
  hourlyLimit: 600,
  usedThisHour: 12,
  remainingThisHour: 588,
  hourStartedAt: '2025-03-01T10:00:00.000Z',
  resetsAt: '2025-03-01T11:00:00.000Z',
  pausedUntil: null,
  reservedForInteractive: 60,
  dailyLimit: null,
  usedToday: 40,
  remainingToday: null,
  lastPausedAt: null,
  thisHourBySource: { interactive: 5, cli: 4, background: 2, tray: 1 },
  ...overrides,
})

const exchange = (status: number | null, durationMs: number): HttpExchange => ({
  at: '2025-03-01T10:05:00.000Z',
  process: 'cli',
  method: 'POST',
  url: 'https://plausible.io/api/v2/query',
  status,
  durationMs,
  requestHeaders: {},
  requestBody: null,
  responseBody: null,
  isTruncated: false,
  error: status === null ? 'connect ECONNREFUSED' : null,
})

const queue: QueueInspection = {
  isDelivering: true,
  worker: {
    lock: '/c/queue/worker.lock',
    state: 'this-process',
    pid: 1,
    host: 'h',
    since: null,
    reason: null,
  },
  pending: 5,
  inFlight: 2,
  failed: 1,
  possiblyDelivered: 3,
  corrupt: { folder: '/c/queue/corrupt', files: [] },
  jobs: [],
  requests: [{ account: 'work', queued: 4, running: 1, waiting: 0 }],
  budget: null,
  reads: { requests: 0, coalesced: 0, cached: 0 },
}

function snapshot(overrides: Partial<MetricsSnapshot> = {}): MetricsSnapshot {
  return {
    status: {
      defaultAccount: 'work',
      accounts: [
        {
          alias: 'work',
          baseUrl: 'https://plausible.io',
          isDefault: true,
          isDemo: false,
          keySource: 'keychain',
          budget: budget('work', {
            dailyLimit: 5000,
            pausedUntil: '2025-03-01T11:00:00.000Z',
            lastPausedAt: '2025-03-01T10:30:00.000Z',
          }),
        },
        {
          alias: 'home',
          baseUrl: 'https://stats.example.org',
          isDefault: false,
          isDemo: false,
          keySource: 'none',
          budget: null,
        },
      ],
      queue: { isDelivering: true, pending: 5, inFlight: 2, failed: 1 },
    },
    queue,
    exchanges: [exchange(200, 40), exchange(429, 80), exchange(429, 90), exchange(null, 5000)],
    realtime: [{ account: 'work', site: 'shop.example.com', visitors: 17, at: '2025-03-01T10:04:00.000Z' }],
    ...overrides,
  }
}

describe('renderPrometheusText', () => {
  it("exports each account's budget, per source, as a real parser reads it", () => {
    const metrics = parseMetrics(renderPrometheusText(snapshot()))
    const work = { account: 'work' }
    expect([
      metrics.value('plausible_budget_hourly_limit', work),
      metrics.value('plausible_budget_used_this_hour', work),
      metrics.value('plausible_budget_remaining_this_hour', work),
      metrics.value('plausible_budget_reserve', work),
      metrics.value('plausible_budget_daily_limit', work),
      metrics.value('plausible_budget_used_today', work),
      metrics.value('plausible_budget_paused', work),
      metrics.value('plausible_budget_last_429_timestamp_seconds', work),
    ]).toEqual([600, 12, 588, 60, 5000, 40, 1, Date.parse('2025-03-01T10:30:00.000Z') / 1000])
    expect(
      ['interactive', 'cli', 'background', 'tray'].map((source) =>
        metrics.value('plausible_budget_used_this_hour_by_source', { account: 'work', source }),
      ),
    ).toEqual([5, 4, 2, 1])
    // An account whose budget could not be read (no key here) has no sample rather than a zero.
    expect(metrics.value('plausible_budget_hourly_limit', { account: 'home' })).toBeUndefined()
    expect(metrics.types.plausible_budget_hourly_limit).toBe('GAUGE')
  })

  it('leaves out a family with no sample: no daily cap, never a 429, no pinned site', () => {
    const text = renderPrometheusText(
      snapshot({
        status: {
          ...snapshot().status,
          accounts: [{ ...snapshot().status.accounts[0]!, budget: budget('work') }],
        },
        realtime: [],
      }),
    )
    expect(text).not.toContain('plausible_budget_daily_limit')
    expect(text).not.toContain('plausible_budget_last_429_timestamp_seconds')
    expect(text).not.toContain('plausible_realtime_visitors')
    expect(parseMetrics(text).value('plausible_budget_paused', { account: 'work' })).toBe(0)
  })

  it('counts journal jobs by state: waiting is pending less in flight', () => {
    const metrics = parseMetrics(renderPrometheusText(snapshot()))
    expect(
      ['waiting', 'in-flight', 'failed'].map((state) => metrics.value('plausible_queue_jobs', { state })),
    ).toEqual([3, 2, 1])
    expect(metrics.value('plausible_queue_possibly_delivered_jobs')).toBe(3)
    expect(metrics.value('plausible_queue_corrupt_files')).toBe(0)
    expect(metrics.value('plausible_queue_requests', { account: 'work', state: 'queued' })).toBe(4)
  })

  it('counts the 429s and the answers by code in the history, the unanswered as code none', () => {
    const metrics = parseMetrics(renderPrometheusText(snapshot()))
    expect(metrics.value('plausible_http_recent_429_responses')).toBe(2)
    expect(
      ['200', '429', 'none'].map((code) => metrics.value('plausible_http_recent_responses', { code })),
    ).toEqual([1, 2, 1])
  })

  it('puts a request of exactly a bucket bound in that bucket, and one a hair over it in the next', () => {
    const durations = [50, 50.5, 100, 100.5, 10_000, 10_000.5]
    const metrics = parseMetrics(
      renderPrometheusText(snapshot({ exchanges: durations.map((ms) => exchange(200, ms)) })),
    )
    expect(metrics.types.plausible_http_request_duration_seconds).toBe('HISTOGRAM')
    expect(metrics.histogram('plausible_http_request_duration_seconds')).toEqual({
      buckets: { '0.05': 1, '0.1': 3, '0.25': 4, '0.5': 4, '1': 4, '2.5': 4, '5': 4, '10': 5, '+Inf': 6 },
      sum: 20.3015,
      count: 6,
    })
  })

  it('leaves the unanswered requests out of the latency histogram', () => {
    const metrics = parseMetrics(renderPrometheusText(snapshot()))
    expect(metrics.histogram('plausible_http_request_duration_seconds')).toMatchObject({ count: 3 })
  })

  it("exports each pinned site's last realtime sample, labels escaped", () => {
    const site = 'odd"site\\name\nx'
    const metrics = parseMetrics(
      renderPrometheusText(
        snapshot({ realtime: [{ account: 'work', site, visitors: 9, at: '2025-03-01T10:04:00.000Z' }] }),
      ),
    )
    expect(metrics.value('plausible_realtime_visitors', { account: 'work', site })).toBe(9)
    expect(metrics.value('plausible_realtime_sample_timestamp_seconds', { account: 'work', site })).toBe(
      Date.parse('2025-03-01T10:04:00.000Z') / 1000,
    )
  })
})
