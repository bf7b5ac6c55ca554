// What `plausible metrics` (and the app's /metrics endpoint) exports, gathered from contract calls that
// answer from the core's own files — the ledger, the journal, the request history and the tray's realtime
// samples — so a scrape costs no API request (design.md, "More faces on the same contract").
import type { CallOutput, PlausibleApi } from '../contract/calls'

/** The calls a snapshot is read from: all of them sendless. */
export type MetricsApi = Pick<
  PlausibleApi,
  'status.get' | 'queue.inspect' | 'debug.http' | 'pins.list' | 'realtime.history'
>

export interface RealtimeSample {
  account: string
  site: string
  visitors: number
  /** When the tray took the sample (ISO 8601). */
  at: string
}

export interface MetricsSnapshot {
  status: CallOutput<'status.get'>
  queue: CallOutput<'queue.inspect'>
  /** The request history every process on this machine appends to, newest first. */
  exchanges: CallOutput<'debug.http'>['exchanges']
  /** The latest sample of each pinned site that has one. */
  realtime: RealtimeSample[]
}

/** The most exchanges the history hands out at once (debug.http's limit). */
export const exchangesRead = 500

export async function collectMetrics(api: MetricsApi): Promise<MetricsSnapshot> {
  const [status, queue, history, { pins }] = await Promise.all([
    api['status.get']({}),
    // One job is enough: the counts cover the whole journal, the job list is not exported.
    api['queue.inspect']({ limit: 1 }),
    api['debug.http']({ limit: exchangesRead }),
    api['pins.list']({}),
  ])
  const realtime = await Promise.all(
    pins.map(async ({ account, site }): Promise<RealtimeSample | null> => {
      const latest = (await api['realtime.history']({ account, site })).recent.at(-1)
      return latest ? { account, site, visitors: latest.visitors, at: latest.at } : null
    }),
  )
  return {
    status,
    queue,
    exchanges: history.exchanges,
    realtime: realtime.filter((sample): sample is RealtimeSample => sample !== null),
  }
}
