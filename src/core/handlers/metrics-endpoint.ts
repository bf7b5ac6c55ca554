// metricsEndpoint.* — the app's /metrics endpoint (core/metrics/metrics-endpoint.ts): one per core, shared
// by every priority's handlers. It renders what `plausible metrics` prints, from the same sendless calls.
// The app and `plausible ui` serve it with hostMetricsEndpoint; elsewhere the choice is only saved.
import { collectMetrics, type MetricsApi } from '../../shared/metrics/metrics-snapshot'
import { renderPrometheusText } from '../../shared/metrics/prometheus-text'
import { createMetricsEndpoint, type MetricsEndpoint } from '../metrics/metrics-endpoint'
import { debugHandlers } from './debug'
import { pinHandlers } from './pins'
import { queueHandlers } from './queue'
import { realtimeHandlers } from './realtime'
import { statusHandlers } from './status'
import type { DomainHandlers, HandlerDeps } from './types'

/** The core's endpoint, made by whichever comes first: a host, or a metricsEndpoint.* call. */
function endpointOf(deps: HandlerDeps): MetricsEndpoint {
  return deps.perCore('metricsEndpoint', () => {
    let calls: MetricsApi | undefined
    // The same sendless calls, read at background priority (they send nothing anyway).
    const api = (): MetricsApi => {
      const background: HandlerDeps = { ...deps, priority: 'background' }
      return {
        ...statusHandlers(background),
        ...queueHandlers(background),
        ...debugHandlers(background),
        ...pinHandlers(background),
        ...realtimeHandlers(background),
      } as unknown as MetricsApi
    }
    return createMetricsEndpoint({
      settings: deps.glance.settings,
      render: async () => renderPrometheusText(await collectMetrics((calls ??= api()))),
    })
  })
}

/**
 * Serves /metrics from a long-running process (the app, `plausible ui`) while the user's choice is on,
 * from now until the returned stop: a port already taken is reported by metricsEndpoint.get, not thrown.
 * A scrape reads through the core's background handlers: it never goes before the window.
 */
export async function hostMetricsEndpoint(core: {
  handlerDeps(priority: 'background'): HandlerDeps
}): Promise<() => Promise<void>> {
  return endpointOf(core.handlerDeps('background')).host()
}

export function metricsEndpointHandlers(deps: HandlerDeps): DomainHandlers<'metricsEndpoint'> {
  const endpoint = endpointOf(deps)
  return {
    'metricsEndpoint.get': () => endpoint.status(),
    'metricsEndpoint.set': (change) => endpoint.set(change),
  }
}
