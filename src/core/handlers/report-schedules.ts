// reportSchedules.* — the scheduled reports of this config folder: list, add, remove, and run what is due.
// One store per core (every priority's handlers share it); its reports are built at background priority,
// whoever asks for the run. The app and `plausible ui` start its minute check with startReportSchedules.
import type { Ledger } from '../budget/ledger'
import { buildReport } from '../report/build-report'
import { createReportSchedules, type ReportSchedulesStore } from '../report/report-schedules'
import { reportSource } from './report'
import type { DomainHandlers, HandlerDeps } from './types'

/** Keyed by the core's ledger: one object per core, shared by the handlers of every priority. */
const stores = new WeakMap<Ledger, ReportSchedulesStore>()

export function reportSchedulesOf(deps: HandlerDeps): ReportSchedulesStore {
  let store = stores.get(deps.budget)
  if (!store) {
    const background: HandlerDeps = { ...deps, priority: 'background' }
    store = createReportSchedules({
      configDir: deps.configDir,
      clock: deps.clock,
      build: (request) => buildReport(request, reportSource(background, true), deps.clock()),
    })
    stores.set(deps.budget, store)
  }
  return store
}

/**
 * Starts the minute check of a long-running process (the app, `plausible ui`): a report is written when its
 * period starts, and a run missed while the machine was off is written once at the next check.
 */
export function startReportSchedules(core: {
  budget: Ledger
  handlersFor(priority: 'background'): unknown
}): () => void {
  core.handlersFor('background')
  const store = stores.get(core.budget)
  return store ? store.start() : () => undefined
}

export function reportScheduleHandlers(deps: HandlerDeps): DomainHandlers<'reportSchedules'> {
  const store = reportSchedulesOf(deps)
  return {
    'reportSchedules.list': () => store.list(),
    async 'reportSchedules.add'(input) {
      return store.add(input)
    },
    'reportSchedules.remove': ({ id }) => store.remove(id),
    'reportSchedules.run': () => store.runDue(),
  }
}
