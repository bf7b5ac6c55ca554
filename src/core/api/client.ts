// The HTTP client for one Plausible server and key: each method is one request (a walk is one per page),
// with typed errors. It does not schedule or count; the budget decides whether a request may be sent at all.
import { PlausibleError } from '../../shared/errors'
import { V2Response, type V2Query } from '../../shared/plausible/query'
import { assertQueryAccepted } from '../../shared/plausible/query-rules/local-check'
import {
  answerFromV1,
  answerFromV2,
  questionToV1,
  questionToV2,
  type StatsAnswer,
  type StatsQuestion,
} from '../../shared/plausible/question'
import type { Fetch } from '../ports'
import { probeCapabilities, type Capabilities } from './capabilities'
import { createEventsClient, type EventsClient } from './events'
import { createSitesClient, type SitesClient } from './sites'
import { createTransport, type TransportOptions } from './transport'
import { createStatsV1Client, type StatsV1Client } from './v1'

export { normalizeBaseUrl } from './transport'

export interface PlausibleClientOptions {
  baseUrl: string
  apiKey: string
  /** The user agreed to send the key over plain http to a remote baseUrl; without it the transport refuses. */
  allowInsecureHttp?: boolean
  fetch?: Fetch
  timeoutMs?: number
  userAgent?: string
  /** Called once per request that reached the server, with its status: the budget counts these. */
  onResponse?: TransportOptions['onResponse']
  now?: () => number
  /** What an earlier probe found, so a known v1-only server is not asked v2 first again. */
  knownCapabilities?: Partial<Pick<Capabilities, 'statsV2'>>
  /** The sites this key listed last time, if known: named when a 401 may mean an unknown site. */
  knownSites?: TransportOptions['knownSites']
}

export interface PlausibleClient {
  readonly baseUrl: string
  /** POST /api/v2/query (§4). */
  query(query: V2Query): Promise<V2Response>
  /**
   * A neutral aggregate / timeseries / breakdown question: v2 where the server has it, else the same
   * question through v1 (§5). A v2 route 404 marks the server v1-only for this client's lifetime.
   */
  ask(question: StatsQuestion): Promise<StatsAnswer>
  /** GET /api/v1/stats/realtime/visitors (§5): unique visitors in the last 5 minutes. */
  realtimeVisitors(siteId: string): Promise<number>
  /** GET /api/v1/sites, every page (§6). */
  listSites(): Promise<Array<{ domain: string; timezone: string }>>
  readonly v1: StatsV1Client
  readonly sites: SitesClient
  /** The Events API takes no key; this one just shares the server and the fetch. */
  readonly events: EventsClient
  /** Up to three requests with the key; see capabilities.ts. */
  probeCapabilities(): Promise<Capabilities>
  /** What this client has learned so far (e.g. `statsV2: false` after a v2 404). */
  readonly known: Partial<Pick<Capabilities, 'statsV2'>>
}

export function createPlausibleClient(options: PlausibleClientOptions): PlausibleClient {
  const transport = createTransport(options)
  const known: Partial<Pick<Capabilities, 'statsV2'>> = { ...options.knownCapabilities }
  const v1 = createStatsV1Client(transport)
  const sites = createSitesClient(transport)

  async function query(body: V2Query): Promise<V2Response> {
    // The server's own rules first: a query it would refuse costs no request and gets its words. A body
    // without site_id goes as it is: the server answers it before parsing (the key check relies on it).
    assertQueryAccepted(body, {}, { missingSiteIdToServer: true })
    try {
      const response = await transport.json(
        { method: 'POST', path: '/api/v2/query', body, surface: 'stats-v2' },
        V2Response,
        'the stats query',
      )
      known.statsV2 = true
      return response
    } catch (error) {
      if (error instanceof PlausibleError && error.code === 'NOT_SUPPORTED') known.statsV2 = false
      throw error
    }
  }

  // A function, not an inline check: `query` flips the flag during the await, which narrowing cannot see.
  const isV1Only = (): boolean => known.statsV2 === false

  async function askV1(question: StatsQuestion): Promise<StatsAnswer> {
    const request = questionToV1(question, transport.now())
    switch (request.endpoint) {
      case 'aggregate':
        return answerFromV1(question, await v1.aggregate(request.params))
      case 'timeseries':
        return answerFromV1(question, await v1.timeseries(request.params))
      case 'breakdown':
        return answerFromV1(question, await v1.breakdown(request.params))
    }
  }

  return {
    baseUrl: transport.baseUrl,
    known,
    query,
    async ask(question) {
      if (isV1Only()) return askV1(question)
      const body = questionToV2(question)
      try {
        return answerFromV2(question, await query(body))
      } catch (error) {
        if (error instanceof PlausibleError && error.code === 'NOT_SUPPORTED' && isV1Only())
          return askV1(question)
        throw error
      }
    },
    realtimeVisitors: (siteId) => v1.realtimeVisitors(siteId),
    async listSites() {
      return sites.listAll({ pageSize: 100 })
    },
    v1,
    sites,
    events: createEventsClient(transport),
    probeCapabilities: async () => {
      const capabilities = await probeCapabilities(transport)
      if (capabilities.statsV2 !== 'unknown') known.statsV2 = capabilities.statsV2
      return capabilities
    },
  }
}
