// The core's implementation of the contract, composed from one module per domain (handlers/<noun>.ts).
// A call declared in the contract but missing here does not compile.
import type { ContractHandlers } from '../shared/contract'
import { accountHandlers } from './handlers/accounts'
import { alertHandlers } from './handlers/alerts'
import { budgetHandlers } from './handlers/budget'
import { pinHandlers } from './handlers/pins'
import { realtimeHandlers } from './handlers/realtime'
import { trayHandlers } from './handlers/tray'
import { siteIconHandlers } from './handlers/site-icons'
import { eventHandlers } from './handlers/events'
import { debugHandlers } from './handlers/debug'
import { siteHandlers } from './handlers/sites'
import { capabilityHandlers } from './handlers/capabilities'
import { doctorHandlers } from './handlers/doctor'
import { goalHandlers } from './handlers/goals'
import { guestHandlers } from './handlers/guests'
import { propHandlers } from './handlers/props'
import { sharedLinkHandlers } from './handlers/shared-links'
import { statusHandlers } from './handlers/status'
import { queueHandlers } from './handlers/queue'
import { statsHandlers } from './handlers/stats'
import { overviewHandlers } from './handlers/overview'
import { dialogHandlers } from './handlers/dialog'
import { mcpHandlers } from './handlers/mcp'
import { reportHandlers } from './handlers/report'
import { reportScheduleHandlers } from './handlers/report-schedules'
import { importHandlers } from './handlers/imports'
import { metricsEndpointHandlers } from './handlers/metrics-endpoint'
import { annotationHandlers } from './handlers/annotations'
import type { HandlerDeps } from './handlers/types'

export function createService(deps: HandlerDeps): ContractHandlers {
  return {
    ...accountHandlers(deps),
    ...siteHandlers(deps),
    ...statsHandlers(deps),
    ...budgetHandlers(deps),
    ...queueHandlers(deps),
    ...pinHandlers(deps),
    ...alertHandlers(deps),
    ...trayHandlers(deps),
    ...siteIconHandlers(deps),
    ...realtimeHandlers(deps),
    ...eventHandlers(deps),
    ...debugHandlers(deps),
    ...capabilityHandlers(deps),
    ...goalHandlers(deps),
    ...propHandlers(deps),
    ...sharedLinkHandlers(deps),
    ...guestHandlers(deps),
    ...statusHandlers(deps),
    ...doctorHandlers(deps),
    ...overviewHandlers(deps),
    ...reportHandlers(deps),
    ...reportScheduleHandlers(deps),
    ...dialogHandlers(),
    ...mcpHandlers(),
    ...importHandlers(deps),
    ...metricsEndpointHandlers(deps),
    ...annotationHandlers(deps),
  }
}
