// Stats API v1 (plausible-api.md §5): aggregate (with compare), zero-filled timeseries, paged breakdown, realtime.
// Older servers speak only this, and many scripts still do.
import { z } from 'zod'
import {
  V1AggregateResponse,
  V1BreakdownResponse,
  V1TimeseriesResponse,
  v1SearchParams,
  type V1AggregateParams,
  type V1BreakdownParams,
  type V1TimeseriesParams,
} from '../../shared/plausible/v1'
import type { Transport } from './transport'

export interface StatsV1Client {
  /** GET /api/v1/stats/aggregate: `{results: {metric: {value}}}`; with compare also comparison_value and change. */
  aggregate(params: V1AggregateParams): Promise<V1AggregateResponse>
  /** GET /api/v1/stats/timeseries: one row per bucket, empty buckets included. */
  timeseries(params: V1TimeseriesParams): Promise<V1TimeseriesResponse>
  /** GET /api/v1/stats/breakdown: one page of rows keyed by the property name without prefix. */
  breakdown(params: V1BreakdownParams): Promise<V1BreakdownResponse>
  /** GET /api/v1/stats/realtime/visitors: unique visitors in the last 5 minutes, a bare integer. */
  realtimeVisitors(siteId: string): Promise<number>
}

export function createStatsV1Client(transport: Transport): StatsV1Client {
  const get = <T>(endpoint: string, query: Record<string, string | undefined>, schema: z.ZodType<T>) =>
    transport.json(
      { method: 'GET', path: `/api/v1/stats/${endpoint}`, query, surface: 'stats-v1' },
      schema,
      `the v1 ${endpoint} request`,
    )
  return {
    aggregate: (params) => get('aggregate', v1SearchParams(params), V1AggregateResponse),
    timeseries: (params) => get('timeseries', v1SearchParams(params), V1TimeseriesResponse),
    breakdown: (params) => get('breakdown', v1SearchParams(params), V1BreakdownResponse),
    realtimeVisitors: (siteId) =>
      get('realtime/visitors', { site_id: siteId }, z.number().int().nonnegative()),
  }
}
