// reportSchedules.* — the scheduled reports of this config folder: list, add, remove, and run what is due.
// One store per core (every priority's handlers share it); its reports are built at background priority,
// whoever asks for the run. The app and `plausible ui` start its minute check with startReportSchedules.
import { buildReport } from '../report/build-report'
import { createReportSchedules, type ReportSchedulesStore } from '../report/report-schedules'
import { reportSource } from './report'
import type { DomainHandlers, HandlerDeps } from './types'

/** One store per core, shared by the handlers of every priority and the host's minute check. */
export function reportSchedulesOf(deps: HandlerDeps): ReportSchedulesStore {
  return deps.perCore('reportSchedules', () => {
    const background: HandlerDeps = { ...deps, priority: 'background' }
    return createReportSchedules({
      configDir: deps.configDir,
      clock: deps.clock,
      build: (request) => buildReport(request, reportSource(background, true), deps.clock()),
    })
  })
}

/**
 * Starts the minute check of a long-running process (the app, `plausible ui`): a report is written when its
 * period starts, and a run missed while the machine was off is written once at the next check.
 */
export function startReportSchedules(core: { handlerDeps(priority: 'background'): HandlerDeps }): () => void {
  return reportSchedulesOf(core.handlerDeps('background')).start()
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
