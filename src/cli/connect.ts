// The CLI goes through the running app's control socket, so app and CLI share one queue and budget;
// with no app (or with one-run overrides the app cannot know about), it opens the core in-process.
import { createApiClient, type PlausibleApi } from '../shared/contract'
import type { AccountOverrides } from '../core/accounts/overrides'
import { insecureHttpVariable } from '../shared/plain-http'
import type { Core } from '../core/core'
import { dispatch } from '../core/dispatch'

export async function connectToCore(options: {
  socketPath: string
  env: Record<string, string | undefined>
  overrides: AccountOverrides
  /** --dry-run: the app's core would send the request, so stay in this process. */
  inProcessOnly?: boolean
  openInProcess: () => Promise<Core>
}): Promise<{ api: PlausibleApi; via: 'app' | 'in-process'; close(): Promise<void> }> {
  // The account alias travels in each call's input; a key, server or limit for this run only cannot.
  const { apiKey, baseUrl, hourlyLimit } = options.overrides
  const hasOneRunOverrides =
    [apiKey, baseUrl, hourlyLimit].some((value) => value !== undefined) ||
    Boolean(
      options.env.PLAUSIBLE_API_KEY ||
      options.env.PLAUSIBLE_BASE_URL ||
      options.env.PLAUSIBLE_HOURLY_LIMIT ||
      // Consent for this run only: the app's core never saw it.
      options.env[insecureHttpVariable],
    )
  if (!hasOneRunOverrides && !options.inProcessOnly && options.env.PLAUSIBLE_NO_APP !== '1') {
    // Loaded only here: with a key or server for this run (scripts, CI) no socket is tried.
    const { connectControlSocket } = await import('../core/transport/control-socket-client')
    const socket = await connectControlSocket(options.socketPath, { timeoutMs: 30_000 })
    if (socket) {
      return { api: createApiClient(socket.transport), via: 'app', close: async () => socket.close() }
    }
  }
  const core = await options.openInProcess()
  // Calls go through the same dispatch as every host, so validation and output stripping are identical;
  // at CLI priority, as through the app's socket, so the ledger counts them as the CLI's.
  const handlers = core.handlersFor('cli')
  const api = createApiClient((name, input) => dispatch(handlers, name, input))
  return { api, via: 'in-process', close: () => core.close() }
}
