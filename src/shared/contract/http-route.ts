// How the contract travels over HTTP between the renderer and `plausible ui`: written once for both ends.
import type { CallName } from './names'

/** The header the HTTP transport sends the per-run token in (never a cookie: no ambient authority). */
export const uiTokenHeader = 'x-plausible-token'

/** Every call is `POST <callPathPrefix><name>`. */
export const callPathPrefix = '/api/call/'

export function callPath(name: CallName): string {
  return `${callPathPrefix}${encodeURIComponent(name)}`
}
