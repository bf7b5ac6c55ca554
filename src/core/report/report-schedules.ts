// Scheduled reports: the schedules and their last runs in report-schedules.json (0600, written atomically),
// and the run that writes what is due (schedule.ts decides what) into each schedule's folder, temp file
// and rename, under a lock so the app, `plausible ui` and the CLI never write the same run twice. The
// reports are built at background priority: the budget policy decides when their reads go out.
import { randomBytes } from 'node:crypto'
import { stat } from 'node:fs/promises'
import { isAbsolute, join } from 'node:path'
import { PlausibleError } from '../../shared/errors'
import type { Report } from '../../shared/report/model'
import { renderReport } from '../../shared/report/render'
import {
  ReportSchedules,
  ReportScheduleInput,
  dueRun,
  periodStartAt,
  scheduledFileName,
  type ReportSchedule,
  type ReportScheduleRun,
  type ReportSchedulesRunResult,
} from '../../shared/report/schedule'
import { writeFileAtomic } from '../budget/atomic-file'
import { tryAcquireFileLock } from '../budget/file-lock'
import { readJsonFile } from '../glance/json-file'
import type { Clock } from '../ports'
import type { ReportRequest } from './build-report'

export const scheduleFileName = 'report-schedules.json'

/** After a run that wrote nothing (a missing folder, no budget), the next try waits this long. */
export const retryAfterFailureMs = 60 * 60_000
/** How often a started scheduler looks for a period that began. */
export const checkEveryMs = 60_000

export interface ReportSchedulesDeps {
  configDir: string
  clock: Clock
  /** Builds a report at background priority (the core's report.build). */
  build(request: ReportRequest): Promise<Report>
  onWarning?: (message: string) => void
  /** The machine's timezone, for schedules that name none (injected by tests). */
  localTimeZone?: () => string
}

export interface ReportSchedulesStore {
  list(): Promise<ReportSchedules>
  add(input: ReportScheduleInput): Promise<{ schedule: ReportSchedule; list: ReportSchedules }>
  remove(id: string): Promise<ReportSchedules>
  /** Writes every report that is due now; `ran: false` when another process holds the run. */
  runDue(): Promise<ReportSchedulesRunResult>
  /** Checks every minute (and once now) until stopped: the app and `plausible ui` call this. */
  start(): () => void
}

const empty = (): ReportSchedules => ({ schedules: [], runs: {} })

export function createReportSchedules(deps: ReportSchedulesDeps): ReportSchedulesStore {
  const path = join(deps.configDir, scheduleFileName)
  const lockPath = `${path}.lock`
  const localTimeZone = deps.localTimeZone ?? (() => Intl.DateTimeFormat().resolvedOptions().timeZone)

  async function read(): Promise<ReportSchedules> {
    const value = await readJsonFile(path, ReportSchedules, {
      now: deps.clock,
      onCorrupt: ({ movedTo, reason }) =>
        deps.onWarning?.(
          `The report schedules could not be read (${reason}); the file was moved to ${movedTo}.`,
        ),
    })
    return value ?? empty()
  }

  const write = (value: ReportSchedules): Promise<void> =>
    writeFileAtomic(path, `${JSON.stringify(value, null, 2)}\n`, 0o600)

  /** Changes of the file happen under the run's lock too, so a run never overwrites a schedule just added. */
  async function locked<T>(body: () => Promise<T>): Promise<T | null> {
    const release = await tryAcquireFileLock(lockPath, { staleMs: 15 * 60_000 })
    if (!release) return null
    try {
      return await body()
    } finally {
      await release()
    }
  }

  async function change<T>(body: () => Promise<T>): Promise<T> {
    for (let attempt = 0; attempt < 50; attempt++) {
      const result = await locked(body)
      if (result !== null) return result
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
    throw new PlausibleError('CONFIG_DIR', {
      message: `${path} is being written by another process (a scheduled report is running).`,
      hint: 'Try again in a minute.',
    })
  }

  async function runOne(schedule: ReportSchedule, periodStart: string, request: ReportRequest) {
    const report = await deps.build(request)
    if (report.sites.length === 0 && report.failures.length > 0) {
      const first = report.failures[0]
      throw new PlausibleError((first?.code as 'INTERNAL') ?? 'INTERNAL', {
        message: first?.message ?? 'No site could be reported.',
      })
    }
    const who =
      schedule.scope === 'site'
        ? (schedule.site ?? 'site')
        : schedule.scope === 'account'
          ? `${schedule.account ?? report.sites[0]?.account ?? 'account'}-all-sites`
          : 'all-sites'
    const file = join(schedule.folder, scheduledFileName(schedule, who, request.period))
    await writeFileAtomic(file, renderReport(report, schedule.format), 0o644)
    const run: ReportScheduleRun = {
      periodStart,
      at: new Date(deps.clock()).toISOString(),
      files: [file],
      error:
        report.failures.length > 0
          ? `${report.failures.length} site(s) not reported: ${report.failures.map((failure) => failure.message).join('; ')}`
          : null,
    }
    return run
  }

  async function runDueLocked(): Promise<ReportSchedulesRunResult> {
    const state = await read()
    const now = deps.clock()
    const result: ReportSchedulesRunResult = { ran: true, written: [], failed: [] }
    for (const schedule of state.schedules) {
      const last = state.runs[schedule.id]
      if (last?.error && last.files.length === 0 && now - Date.parse(last.at) < retryAfterFailureMs) continue
      const due = dueRun(schedule, last?.periodStart, now)
      if (!due) continue
      const request: ReportRequest = {
        ...(schedule.account ? { account: schedule.account } : {}),
        scope:
          schedule.scope === 'site'
            ? { kind: 'site', site: schedule.site ?? '' }
            : schedule.scope === 'account'
              ? { kind: 'account' }
              : { kind: 'all-accounts' },
        period: due.period,
        ...(schedule.compare ? { compare: schedule.compare } : {}),
      }
      try {
        await folderMustExist(schedule.folder)
        const run = await runOne(schedule, due.periodStart, request)
        state.runs[schedule.id] = run
        for (const file of run.files) result.written.push({ id: schedule.id, path: file })
      } catch (error) {
        const known =
          error instanceof PlausibleError ? error : new PlausibleError('INTERNAL', { cause: error })
        state.runs[schedule.id] = {
          // Still the last period written: the run is tried again (after retryAfterFailureMs).
          periodStart: last?.periodStart ?? schedule.since,
          at: new Date(now).toISOString(),
          files: [],
          error: known.message,
        }
        result.failed.push({ id: schedule.id, code: known.code, message: known.message })
        deps.onWarning?.(`The scheduled report ${schedule.id} was not written: ${known.message}`)
      }
      await write(state)
    }
    return result
  }

  const store: ReportSchedulesStore = {
    list: read,
    async add(input) {
      const parsed = ReportScheduleInput.parse(input)
      if (!isAbsolute(parsed.folder))
        throw new PlausibleError('USAGE', {
          message: `The report folder ${parsed.folder} is not an absolute path.`,
          hint: 'Give the whole path, e.g. /home/me/Reports.',
        })
      await folderMustExist(parsed.folder)
      const timeZone = parsed.timeZone ?? localTimeZone()
      if (!isTimeZone(timeZone))
        throw new PlausibleError('USAGE', {
          message: `${timeZone} is not a timezone this machine knows.`,
          hint: 'Use an IANA name such as Europe/Berlin or UTC.',
        })
      const schedule: ReportSchedule = {
        id: `${parsed.cadence}-${randomBytes(4).toString('hex')}`,
        cadence: parsed.cadence,
        scope: parsed.scope,
        ...(parsed.scope === 'site' && parsed.site ? { site: parsed.site } : {}),
        ...(parsed.account ? { account: parsed.account } : {}),
        format: parsed.format,
        folder: parsed.folder,
        ...(parsed.compare ? { compare: parsed.compare } : {}),
        timeZone,
        // The first report comes when the next period starts, not at once for the one already under way.
        since: periodStartAt(parsed.cadence, deps.clock(), timeZone),
      }
      const list = await change(async () => {
        const state = await read()
        state.schedules.push(schedule)
        await write(state)
        return state
      })
      return { schedule, list }
    },
    async remove(id) {
      return change(async () => {
        const state = await read()
        if (!state.schedules.some((schedule) => schedule.id === id))
          throw new PlausibleError('NOT_FOUND', {
            message: `No scheduled report has the id ${id}.`,
            hint: 'See the ids with `plausible report-schedule list`.',
          })
        state.schedules = state.schedules.filter((schedule) => schedule.id !== id)
        delete state.runs[id]
        await write(state)
        return state
      })
    },
    async runDue() {
      return (await locked(runDueLocked)) ?? { ran: false, written: [], failed: [] }
    },
    start() {
      let stopped = false
      let timer: ReturnType<typeof setTimeout> | undefined
      const tick = (): void => {
        store
          .runDue()
          .catch((error: unknown) =>
            deps.onWarning?.(`Scheduled reports: ${error instanceof Error ? error.message : String(error)}`),
          )
          .finally(() => {
            if (!stopped) timer = setTimeout(tick, checkEveryMs)
          })
      }
      tick()
      return () => {
        stopped = true
        if (timer) clearTimeout(timer)
      }
    },
  }
  return store
}

async function folderMustExist(folder: string): Promise<void> {
  const info = await stat(folder).catch(() => null)
  if (!info?.isDirectory())
    throw new PlausibleError('OUTPUT_FILE', {
      message: `The report folder ${folder} does not exist or is not a folder.`,
      hint: 'Create it, or pick another folder for the scheduled report in Settings.',
    })
}

function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: name })
    return true
  } catch {
    return false
  }
}
