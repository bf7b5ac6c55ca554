// Checks a key with one cheap request before it is stored (accounts add / rotate). The request goes
// through the connector, so it counts against the account's hourly budget like any other.
import { PlausibleError } from '../../shared/errors'
import type { V2Query } from '../../shared/plausible/query'
import { createPlausibleClient, normalizeBaseUrl } from '../api/client'
import type { Ledger } from '../budget/ledger'
import type { Connector } from '../connection'
import type { Clock, Fetch } from '../ports'
import type { ResolvedAccount } from './account-directory'
import { refuseInsecureHttp } from './insecure-http'

export interface KeyCandidate {
  alias: string
  baseUrl: string
  hourlyLimit: number
  apiKey: string
  /** Consent to send the key over plain http to a remote baseUrl (accounts add --allow-insecure-http). */
  allowInsecureHttp?: boolean
}

export interface KeyChecker {
  /** Resolves when the server accepts the key; throws the typed error (AUTH_INVALID, NETWORK…) when not. */
  check(candidate: KeyCandidate): Promise<void>
}

/**
 * A Stats API v2 query without `site_id`. The server checks, in order, bearer → key valid → rate
 * limit → scope → site_id present (plausible-api.md §2), so a valid key gets 400 "Missing site ID"
 * and an invalid one 401, on plausible.io and on CE alike, without knowing any site.
 */
const probeQuery = { metrics: ['visitors'], date_range: 'day' } as unknown as V2Query

export function createKeyChecker(deps: {
  connector: Connector
  budget: Ledger
  clock: Clock
  fetch?: Fetch
}): KeyChecker {
  return {
    async check(candidate) {
      // The key check is the first request a key makes: refused here, it never leaves in clear text.
      refuseInsecureHttp(candidate, 'stored')
      const account: ResolvedAccount = {
        alias: candidate.alias,
        baseUrl: normalizeBaseUrl(candidate.baseUrl),
        hourlyLimit: candidate.hourlyLimit,
        isDemo: false,
        apiKey: candidate.apiKey,
        keySource: 'none',
        allowInsecureHttp: candidate.allowInsecureHttp === true,
      }
      const client = createPlausibleClient({
        baseUrl: account.baseUrl,
        apiKey: candidate.apiKey,
        allowInsecureHttp: account.allowInsecureHttp,
        now: deps.clock,
        ...(deps.fetch ? { fetch: deps.fetch } : {}),
        onResponse: ({ status }) => {
          // A 429 is only sent for a valid key (§3): that key's own bucket is spent until the hour ends.
          if (status === 429) void deps.budget.pause(deps.connector.budgetOf(account)).catch(() => undefined)
        },
      })
      try {
        await deps.connector.send({ account, client }, (c) => c.query(probeQuery))
      } catch (error) {
        if (isAcceptedKey(error)) return
        throw refusal(error)
      }
    },
  }
}

/** 400/422 come after the key check, and a 429 is only ever sent for a valid key (§2, §3). */
function isAcceptedKey(error: unknown): boolean {
  return error instanceof PlausibleError && (error.code === 'QUERY_INVALID' || error.code === 'RATE_LIMITED')
}

function refusal(error: unknown): unknown {
  if (!(error instanceof PlausibleError)) return error
  const notStored = 'The key was not stored.'
  if (error.code === 'NOT_FOUND' || error.code === 'NOT_SUPPORTED' || error.code === 'BAD_RESPONSE')
    return new PlausibleError(error.code, {
      message: `${error.message} ${notStored}`,
      hint: 'Check the base URL (the root of a Plausible server); pass --no-verify to store the key without checking it.',
      ...(error.details ? { details: error.details } : {}),
    })
  return new PlausibleError(error.code, {
    message: `${error.message} ${notStored}`,
    hint: error.hint,
    ...(error.details ? { details: error.details } : {}),
  })
}
