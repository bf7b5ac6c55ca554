// The core's implementation of the contract, composed from one module per domain (handlers/<noun>.ts,
// the calls named `<noun>.…`). A domain's module loads on the first call of one of its calls: a CLI
// command makes one or two calls, and loading every domain was a good part of what its start-up spent.
// A call declared in the contract but missing from its domain does not compile.
import { callNames, type CallName, type ContractHandlers } from '../shared/contract'
import type { DomainHandlers, HandlerDeps } from './handlers/types'

/** `stats` of `stats.query`: the domain a call belongs to. */
export type Domain = CallName extends `${infer Prefix}.${string}` ? Prefix : never

type DomainLoaders = {
  [D in Domain]: () => Promise<(deps: HandlerDeps) => DomainHandlers<D>>
}

const domains: DomainLoaders = {
  accounts: async () => (await import('./handlers/accounts')).accountHandlers,
  alerts: async () => (await import('./handlers/alerts')).alertHandlers,
  annotations: async () => (await import('./handlers/annotations')).annotationHandlers,
  budget: async () => (await import('./handlers/budget')).budgetHandlers,
  capabilities: async () => (await import('./handlers/capabilities')).capabilityHandlers,
  debug: async () => (await import('./handlers/debug')).debugHandlers,
  dialog: async () => (await import('./handlers/dialog')).dialogHandlers,
  doctor: async () => (await import('./handlers/doctor')).doctorHandlers,
  events: async () => (await import('./handlers/events')).eventHandlers,
  goals: async () => (await import('./handlers/goals')).goalHandlers,
  guests: async () => (await import('./handlers/guests')).guestHandlers,
  imports: async () => (await import('./handlers/imports')).importHandlers,
  mcp: async () => {
    const { mcpHandlers } = await import('./handlers/mcp')
    return () => mcpHandlers()
  },
  metricsEndpoint: async () => (await import('./handlers/metrics-endpoint')).metricsEndpointHandlers,
  overview: async () => (await import('./handlers/overview')).overviewHandlers,
  pins: async () => (await import('./handlers/pins')).pinHandlers,
  props: async () => (await import('./handlers/props')).propHandlers,
  queue: async () => (await import('./handlers/queue')).queueHandlers,
  realtime: async () => (await import('./handlers/realtime')).realtimeHandlers,
  report: async () => (await import('./handlers/report')).reportHandlers,
  reportSchedules: async () => (await import('./handlers/report-schedules')).reportScheduleHandlers,
  sharedLinks: async () => (await import('./handlers/shared-links')).sharedLinkHandlers,
  siteIcons: async () => (await import('./handlers/site-icons')).siteIconHandlers,
  sites: async () => (await import('./handlers/sites')).siteHandlers,
  stats: async () => (await import('./handlers/stats')).statsHandlers,
  status: async () => (await import('./handlers/status')).statusHandlers,
  tray: async () => (await import('./handlers/tray')).trayHandlers,
}

type Handler = (input: unknown) => Promise<unknown>

/** A domain's handlers: its module loaded, its handlers made with these deps. */
export async function makeDomain(domain: Domain, deps: HandlerDeps): Promise<Record<string, Handler>> {
  const make = (await domains[domain]()) as (deps: HandlerDeps) => unknown
  return make(deps) as Record<string, Handler>
}

export function createService(deps: HandlerDeps): ContractHandlers {
  // One instance of each domain per service, made on its first call, as the eager service made one.
  const made = new Map<Domain, Promise<Record<string, Handler>>>()
  const domainOf = (domain: Domain): Promise<Record<string, Handler>> => {
    let handlers = made.get(domain)
    if (!handlers) {
      handlers = makeDomain(domain, deps)
      // A module that failed to load is tried again by the next call, not remembered broken.
      handlers.catch(() => made.delete(domain))
      made.set(domain, handlers)
    }
    return handlers
  }
  const service: Record<string, Handler> = {}
  for (const name of callNames) {
    const domain = name.slice(0, name.indexOf('.')) as Domain
    service[name] = async (input) => (await domainOf(domain))[name]!(input)
  }
  return service as ContractHandlers
}
