// Keys stay off clear text: the refusal for a base URL that would carry an API key over plain http to
// another machine (the rule is src/shared/plain-http.ts), worded for where the URL came from and saying
// how to give consent there. The connector, the key check and `accounts add` refuse with it before a
// request leaves; the transport refuses too, so no client can send a key that way without consent.
import { PlausibleError } from '../../shared/errors'
import { insecureHttpFlag, insecureHttpVariable, isPlainHttpToNetwork } from '../../shared/plain-http'

/** Where the base URL came from: `accounts add`, a stored account, or a server named for this run. */
export type InsecureHttpSource = 'add' | 'stored' | 'run'

/** Throws INSECURE_HTTP when `baseUrl` is plain http to another machine and there is no consent. */
export function refuseInsecureHttp(
  account: { alias: string; baseUrl: string; allowInsecureHttp?: boolean },
  source: InsecureHttpSource,
): void {
  if (account.allowInsecureHttp === true || !isPlainHttpToNetwork(account.baseUrl)) return
  throw insecureHttpRefusal(account, source)
}

export function insecureHttpRefusal(
  account: { alias: string; baseUrl: string },
  source: InsecureHttpSource,
): PlausibleError {
  const { alias, baseUrl } = account
  const clear = 'plain http: anyone on the network between here and the server can read the key'
  switch (source) {
    case 'add':
      return new PlausibleError('INSECURE_HTTP', {
        message: `${baseUrl} is ${clear}. Nothing was sent and "${alias}" was not added.`,
        hint: `Use the server's https:// address; if it has none, add the account with ${insecureHttpFlag} (in the window, tick the box that says so).`,
      })
    case 'stored':
      return new PlausibleError('INSECURE_HTTP', {
        message: `Account "${alias}" would send its key to ${baseUrl} over ${clear}. Nothing was sent.`,
        hint: `If the server has no https address, consent with \`plausible accounts allow-insecure-http ${alias}\` (or ${insecureHttpVariable}=1 for one run); else remove the account and add it again with its https:// address.`,
      })
    case 'run':
      return new PlausibleError('INSECURE_HTTP', {
        message: `The server named for this run, ${baseUrl}, is ${clear}. Nothing was sent.`,
        hint: `Name its https:// address, or set ${insecureHttpVariable}=1 for this run if it has none.`,
      })
  }
}
