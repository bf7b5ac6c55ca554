// The rules run here, before a request is spent: a refused query becomes QUERY_INVALID with the server's
// exact text as its message (what the server would have answered), where in the query the fault is, and
// a hint that nothing was sent. The window, the CLI and agents see the same words either way.
import { checkV2Query, type QueryRulesContext } from './index'
import { refusal, type QueryRefusal } from './refusal'
import { PlausibleError } from '../../errors'

export interface LocalRefusalOptions {
  /** Where the query came from, for the hint ("the query in stdin"). */
  source?: string
  /**
   * Send a body without site_id as it is: the server answers it before parsing, after checking the key —
   * which is how the client checks a key without naming a site (accounts/key-check.ts).
   */
  missingSiteIdToServer?: boolean
}

export function queryRefusalError(refused: QueryRefusal, options: LocalRefusalOptions = {}): PlausibleError {
  const where = refused.pointer === '#' ? 'the query' : `${refused.pointer} of the query`
  return new PlausibleError('QUERY_INVALID', {
    message: refused.message,
    hint:
      `Fix ${where}${options.source ? ` in ${options.source}` : ''}; \`plausible stats --help\` lists the metrics, ` +
      "dimensions and filters and which go together. Refused here by the server's own rules: nothing was sent.",
    details: { pointer: refused.pointer, queryRule: refused.rule, checkedLocally: true },
  })
}

/**
 * The API plug (authorize_public_api.ex) answers a body without site_id before the query parser sees it,
 * with its own text; the sandbox's route does the same.
 */
const missingSiteId = refusal(
  'request.site_id',
  'Missing site ID. Please provide the required site_id parameter with your request.',
  '#/site_id',
)

/** Throws QUERY_INVALID (the server's words) when the rules refuse the query; nothing is sent then. */
export function assertQueryAccepted(
  query: unknown,
  context: QueryRulesContext = {},
  options: LocalRefusalOptions = {},
): void {
  const lacksSiteId =
    typeof query === 'object' &&
    query !== null &&
    !Array.isArray(query) &&
    (query as { site_id?: unknown }).site_id === undefined
  if (lacksSiteId && options.missingSiteIdToServer) return
  if (lacksSiteId) throw queryRefusalError(missingSiteId, options)
  const check = checkV2Query(query, context)
  if (!check.ok) throw queryRefusalError(check.refusal, options)
}
