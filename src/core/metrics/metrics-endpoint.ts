// The app's /metrics endpoint (issue 18): the user's choice in glance.json, and the server that follows it
// in a long-running process (the app, `plausible ui`) once that process hosts it. The same server and the
// same loopback rule as `plausible metrics --serve`. A one-off CLI command only saves the choice.
import type { MetricsEndpointSettings, MetricsEndpointStatus } from '../../shared/contract/metrics-endpoint'
import { PlausibleError } from '../../shared/errors'
import type { GlanceSettingsStore } from '../glance/glance-settings'
import { checkLoopback, parseListenAddress, type ListenAddress } from './listen-address'
import type { MetricsServer, MetricsServerOptions } from './metrics-server'

/** Named in the errors that refuse an address: the field the Settings card and the contract set. */
export const addressField = 'address'
export const allowNonLoopbackField = 'allowNonLoopback: true (Settings: “Let other machines connect”)'

export interface MetricsEndpoint {
  status(): Promise<MetricsEndpointStatus>
  /**
   * Saves the change and, where hosted, serves to match. An address that is refused, or that cannot be
   * listened on, is not saved: the error says why and the endpoint stays as it was.
   */
  set(change: Partial<MetricsEndpointSettings>): Promise<MetricsEndpointStatus>
  /** Serve from this process from now on (when the choice is on); the returned stop ends it. */
  host(): Promise<() => Promise<void>>
}

export interface MetricsEndpointDeps {
  settings: GlanceSettingsStore
  /** The exposition text, rendered for each scrape. */
  render(): Promise<string>
  /** Injected in tests; default startMetricsServer. */
  startServer?: (options: MetricsServerOptions) => Promise<MetricsServer>
  onWarning?(message: string): void
}

export function createMetricsEndpoint(deps: MetricsEndpointDeps): MetricsEndpoint {
  // node:http loads only when something is served: every CLI command opens this core's handlers.
  const startServer =
    deps.startServer ??
    (async (options: MetricsServerOptions) => (await import('./metrics-server')).startMetricsServer(options))
  let isHosted = false
  let server: { address: string; running: MetricsServer } | null = null
  let failure: PlausibleError | null = null
  // One change at a time: a second click waits for the first listen to answer.
  let chain: Promise<unknown> = Promise.resolve()
  const inTurn = <T>(work: () => Promise<T>): Promise<T> => {
    const next = chain.then(work)
    chain = next.catch(() => undefined)
    return next
  }
  const chosen = (): MetricsEndpointSettings => deps.settings.read().metricsEndpoint

  async function stopServing(): Promise<void> {
    const running = server?.running
    server = null
    await running?.close()
  }

  /** Listens on `settings.address` unless already there; throws the USAGE error that names the address. */
  async function serve(settings: MetricsEndpointSettings): Promise<void> {
    if (server?.address === settings.address) return
    await stopServing()
    const address = checkedAddress(settings)
    const running = await startServer({
      ...address,
      render: deps.render,
      onError: (error) => deps.onWarning?.(`metrics: ${String(error)}`),
    }).catch((error: unknown) => {
      throw cannotListen(address, error)
    })
    server = { address: settings.address, running }
  }

  async function status(): Promise<MetricsEndpointStatus> {
    const settings = chosen()
    const state = !settings.enabled ? 'off' : server ? 'serving' : failure ? 'failed' : 'waiting'
    return {
      ...settings,
      state,
      url: server?.running.url ?? null,
      error:
        state === 'failed' && failure
          ? { code: failure.code, message: failure.message, hint: failure.hint }
          : null,
    }
  }

  return {
    status: () => inTurn(status),
    set: (change) =>
      inTurn(async () => {
        const before = chosen()
        const next = { ...before, ...change }
        // Refused before anything listens or is saved, whether it is on or not.
        checkedAddress(next)
        if (isHosted && next.enabled) {
          try {
            await serve(next)
          } catch (error) {
            // Back to what was served before the change (if anything), and the change is not kept.
            if (before.enabled) await serve(before).catch(() => undefined)
            throw error
          }
        } else await stopServing()
        failure = null
        await deps.settings.updateMetricsEndpoint(next)
        return status()
      }),
    host: () =>
      inTurn(async () => {
        isHosted = true
        const settings = chosen()
        if (settings.enabled)
          await serve(settings).catch((error: unknown) => {
            // The choice stays on: the card says why nothing is served, and a retry is one click.
            failure = error instanceof PlausibleError ? error : cannotListen(null, error)
            deps.onWarning?.(`${failure.message} ${failure.hint}`)
          })
        return () =>
          inTurn(async () => {
            isHosted = false
            failure = null
            await stopServing()
          })
      }),
  }
}

/** The address as a host and port, refused when other machines could reach it and the user did not allow it. */
function checkedAddress(settings: MetricsEndpointSettings): ListenAddress {
  const address = parseListenAddress(settings.address, addressField)
  if (!settings.allowNonLoopback) checkLoopback(address, allowNonLoopbackField)
  return address
}

function cannotListen(address: ListenAddress | null, error: unknown): PlausibleError {
  const reason = error instanceof Error ? error.message : String(error)
  const where = address ? `${address.host}:${address.port}` : 'the address'
  const isTaken = (error as NodeJS.ErrnoException | undefined)?.code === 'EADDRINUSE'
  return new PlausibleError('USAGE', {
    message: isTaken
      ? `The metrics endpoint could not listen on ${where}: another program already uses that port (${reason}).`
      : `The metrics endpoint could not listen on ${where}: ${reason}.`,
    hint: 'Pick another port in the address (0 picks a free one), or stop what already listens there.',
    cause: error,
  })
}
