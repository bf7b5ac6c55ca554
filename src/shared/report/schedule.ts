// Scheduled reports as data and as a rule: a weekly report is written when a week starts (Monday 00:00 in
// the schedule's timezone) and covers the week that just ended; a monthly one on the 1st, for the month
// before. A schedule remembers the start of the last period it wrote at, so a machine that was off for
// three weeks writes one report (the last full week) at its next start, not three.
import { z } from 'zod'
import { addDays, addMonths, startOfMonth, startOfWeek, todayIn, type IsoDate } from '../stats/calendar'
import { ReportCompareMode, type ReportPeriod } from './model'
import { lazySchema } from '../lazy-schema'

export const reportCadences = ['weekly', 'monthly'] as const
export const ReportCadence = lazySchema(() => z.enum(reportCadences))
export type ReportCadence = z.infer<typeof ReportCadence>

const isoDate = lazySchema(() => z.string().regex(/^\d{4}-\d{2}-\d{2}$/))

export const ReportSchedule = lazySchema(() =>
  z
    .object({
      id: z.string().regex(/^[a-z0-9-]{1,40}$/, 'an id of 1–40 lowercase letters, digits or dashes'),
      cadence: ReportCadence,
      /** One site of an account, or every site of the account, or of every account. */
      scope: z.enum(['site', 'account', 'all-accounts']),
      site: z.string().min(1).optional(),
      account: z.string().min(1).optional(),
      format: z.enum(['html', 'md']),
      /** An absolute folder the report files are written into. */
      folder: z.string().min(1),
      compare: ReportCompareMode.optional(),
      /** Where the week or month starts (IANA name); the sites' own timezones apply to their stats. */
      timeZone: z.string().min(1),
      /** The start of the period the schedule was made in: nothing is written for periods before it. */
      since: isoDate,
    })
    .strict()
    .refine((schedule) => schedule.scope !== 'site' || schedule.site !== undefined, {
      message: 'a schedule for one site names the site',
    }),
)
export type ReportSchedule = z.infer<typeof ReportSchedule>

/** The start (a local date) of the week (Monday) or month holding `nowMs` in `timeZone`. */
export function periodStartAt(cadence: ReportCadence, nowMs: number, timeZone: string): IsoDate {
  const today = todayIn(timeZone, nowMs)
  return cadence === 'weekly' ? startOfWeek(today) : startOfMonth(today)
}

/** The period that ended when the period starting at `start` began: the week or the month before it. */
export function reportedPeriod(cadence: ReportCadence, start: IsoDate): ReportPeriod {
  return cadence === 'weekly'
    ? { key: 'custom', from: addDays(start, -7), to: addDays(start, -1) }
    : { key: 'month', date: addMonths(start, -1) }
}

export interface DueRun {
  /** The start of the current period: remembered once the report is written. */
  periodStart: IsoDate
  period: ReportPeriod
}

/**
 * What to write now: the report for the period before the current one, when no report was written since
 * the current one began (`lastStart` is the period start of the last report written, or absent).
 * Missed periods are not caught up one by one: only the latest is written.
 */
export function dueRun(
  schedule: Pick<ReportSchedule, 'cadence' | 'timeZone' | 'since'>,
  lastStart: IsoDate | undefined,
  nowMs: number,
): DueRun | null {
  const current = periodStartAt(schedule.cadence, nowMs, schedule.timeZone)
  const done = lastStart !== undefined && lastStart > schedule.since ? lastStart : schedule.since
  if (current <= done) return null
  return { periodStart: current, period: reportedPeriod(schedule.cadence, current) }
}

/** The file a run writes: `shop.example.com-weekly-2026-11-16.html` (named by site and period start). */
export function scheduledFileName(
  schedule: Pick<ReportSchedule, 'cadence' | 'format'>,
  who: string,
  period: ReportPeriod,
): string {
  const first = period.key === 'custom' ? (period.from ?? '') : startOfMonth(period.date ?? '')
  const stem = `${who}-${schedule.cadence}-${schedule.cadence === 'monthly' ? first.slice(0, 7) : first}`
  return `${stem.replace(/[^A-Za-z0-9._-]+/g, '-')}.${schedule.format}`
}

/** What a person (or the CLI) gives to add a schedule; the core fills in the id, timezone and start. */
export const ReportScheduleInput = lazySchema(() =>
  z
    .object({
      cadence: ReportCadence,
      scope: z.enum(['site', 'account', 'all-accounts']),
      site: z.string().min(1).optional(),
      account: z.string().min(1).optional(),
      format: z.enum(['html', 'md']).default('html'),
      folder: z.string().min(1, 'give the folder the reports are written into'),
      compare: ReportCompareMode.optional(),
      /** Default: this machine's timezone. */
      timeZone: z.string().min(1).optional(),
    })
    .strict()
    .refine((schedule) => schedule.scope !== 'site' || schedule.site !== undefined, {
      message: 'a schedule for one site names the site',
    }),
)
export type ReportScheduleInput = z.input<typeof ReportScheduleInput>

/** The last run of a schedule: when, for which period, what it wrote, what failed. */
export const ReportScheduleRun = lazySchema(() =>
  z.object({
    /** The period start the run wrote at (see dueRun). */
    periodStart: isoDate,
    at: z.string(),
    files: z.array(z.string()),
    /** The error that kept the run from writing anything, or the sites it could not report. */
    error: z.string().nullable(),
  }),
)
export type ReportScheduleRun = z.infer<typeof ReportScheduleRun>

export const ReportSchedules = lazySchema(() =>
  z.object({
    schedules: z.array(ReportSchedule),
    runs: z.record(z.string(), ReportScheduleRun),
  }),
)
export type ReportSchedules = z.infer<typeof ReportSchedules>

export const ReportSchedulesRunResult = lazySchema(() =>
  z.object({
    /** False when another process (the app, `plausible ui`) was running the schedules at that moment. */
    ran: z.boolean(),
    written: z.array(z.object({ id: z.string(), path: z.string() })),
    failed: z.array(z.object({ id: z.string(), code: z.string(), message: z.string() })),
  }),
)
export type ReportSchedulesRunResult = z.infer<typeof ReportSchedulesRunResult>
