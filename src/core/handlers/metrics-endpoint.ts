// metricsEndpoint.* — the app's /metrics endpoint (core/metrics/metrics-endpoint.ts): one per core, shared
// by every priority's handlers. It renders what `plausible metrics` prints, from the same sendless calls.
// The app and `plausible ui` serve it with hostMetricsEndpoint; elsewhere the choice is only saved.
import { collectMetrics, type MetricsApi } from '../../shared/metrics/metrics-snapshot'
import { renderPrometheusText } from '../../shared/metrics/prometheus-text'
import type { Glance } from '../glance/glance'
import { createMetricsEndpoint, type MetricsEndpoint } from '../metrics/metrics-endpoint'
import { debugHandlers } from './debug'
import { pinHandlers } from './pins'
import { queueHandlers } from './queue'
import { realtimeHandlers } from './realtime'
import { statusHandlers } from './status'
import type { DomainHandlers, HandlerDeps } from './types'

/** Keyed by the core's glance (its settings live there): one endpoint per core. */
const endpoints = new WeakMap<Glance, MetricsEndpoint>()

function endpointOf(deps: HandlerDeps): MetricsEndpoint {
  let endpoint = endpoints.get(deps.glance)
  if (!endpoint) {
    // A scrape reads at background priority: it never goes before the window (and sends nothing anyway).
    const background: HandlerDeps = { ...deps, priority: 'background' }
    const api = {
      ...statusHandlers(background),
      ...queueHandlers(background),
      ...debugHandlers(background),
      ...pinHandlers(background),
      ...realtimeHandlers(background),
    } as unknown as MetricsApi
    endpoint = createMetricsEndpoint({
      settings: deps.glance.settings,
      render: async () => renderPrometheusText(await collectMetrics(api)),
    })
    endpoints.set(deps.glance, endpoint)
  }
  return endpoint
}

/**
 * Serves /metrics from a long-running process (the app, `plausible ui`) while the user's choice is on,
 * from now until the returned stop: a port already taken is reported by metricsEndpoint.get, not thrown.
 */
export async function hostMetricsEndpoint(core: {
  glance: Glance
  handlersFor(priority: 'background'): unknown
}): Promise<() => Promise<void>> {
  core.handlersFor('background')
  const endpoint = endpoints.get(core.glance)
  return endpoint ? endpoint.host() : async () => undefined
}

export function metricsEndpointHandlers(deps: HandlerDeps): DomainHandlers<'metricsEndpoint'> {
  const endpoint = endpointOf(deps)
  return {
    'metricsEndpoint.get': () => endpoint.status(),
    'metricsEndpoint.set': (change) => endpoint.set(change),
  }
}
