// Waiting for the budget is never silent: when a request must wait (the hour or the day spent, the key
// paused after a 429), stderr says what it waits for, until when (local time and UTC) and that --no-wait
// fails at once. On a terminal a countdown follows, redrawn in place; in a pipe, the one line only
// (people pipe stdout but read stderr). Under --verbose or --log the notice is a log line instead.
import type { WaitListener, WaitNotice } from '../core/queue/wait-notice'
import type { Logger } from './log'

type Waiting = Extract<WaitNotice, { phase: 'waiting' }>

/** What the request waits for, in one sentence, from the notice alone. */
function causeOf(notice: Waiting): string {
  switch (notice.reason) {
    case 'paused':
      return `the server refused account "${notice.account}" with 429 (its key's hourly limit), so nothing is sent before the reset`
    case 'day':
      return `account "${notice.account}" used ${notice.dailyLimit === null ? 'all requests' : allOf(notice.dailyLimit)} of its daily cap`
    case 'reserve':
      return `account "${notice.account}" has only its interactive reserve left this UTC hour`
    case 'hour':
      return `account "${notice.account}" used ${allOf(notice.hourlyLimit)} of this UTC hour`
  }
}

function allOf(limit: number): string {
  return limit === 1 ? 'the 1 request' : `all ${limit} requests`
}

/** `14:00:00`, with the date in front when `at` is not on the same day as `now` (in that time zone). */
function clockTime(at: Date, now: Date, utc: boolean): string {
  const parts = (date: Date): number[] =>
    utc
      ? [
          date.getUTCFullYear(),
          date.getUTCMonth() + 1,
          date.getUTCDate(),
          date.getUTCHours(),
          date.getUTCMinutes(),
          date.getUTCSeconds(),
        ]
      : [
          date.getFullYear(),
          date.getMonth() + 1,
          date.getDate(),
          date.getHours(),
          date.getMinutes(),
          date.getSeconds(),
        ]
  const [year, month, day, hours, minutes, seconds] = parts(at).map((part) => String(part).padStart(2, '0'))
  const time = `${hours}:${minutes}:${seconds}`
  const isSameDay = parts(at).slice(0, 3).join('-') === parts(now).slice(0, 3).join('-')
  return isSameDay ? time : `${year}-${month}-${day} ${time}`
}

/** The line printed once per wait. */
export function describeWait(notice: Waiting, now: number): string {
  const until = new Date(notice.until)
  const today = new Date(now)
  return (
    `Waiting for the API budget: ${causeOf(notice)}. Trying again at ${clockTime(until, today, false)} ` +
    `local time (${clockTime(until, today, true)} UTC); run with --no-wait to fail at once instead (exit code 5).`
  )
}

/** `59:12`, or `1:02:03` past an hour. */
export function formatLeft(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000))
  const hours = Math.floor(total / 3600)
  const minutes = Math.floor((total % 3600) / 60)
  const seconds = total % 60
  const mmss = `${String(minutes).padStart(hours > 0 ? 2 : 1, '0')}:${String(seconds).padStart(2, '0')}`
  return hours > 0 ? `${hours}:${mmss}` : mmss
}

export interface BudgetWaitReporter {
  listener: WaitListener
  /** Clears a countdown still on screen and stops its timer. */
  stop(): void
}

export function createBudgetWaitReporter(options: {
  stderr: NodeJS.WritableStream & { isTTY?: boolean }
  now: () => number
  log?: Logger
  /** Countdown redraws; injected by tests. */
  setInterval?: (tick: () => void, ms: number) => { unref?: () => unknown }
  clearInterval?: (timer: { unref?: () => unknown }) => void
}): BudgetWaitReporter {
  // options.stderr is read at each use: a caller may pass a getter, so a command that never waits never
  // makes process.stderr (a few ms).
  const { now, log } = options
  const write = (text: string): void => void options.stderr.write(text)
  const every = options.setInterval ?? ((tick, ms) => setInterval(tick, ms))
  const cancel = options.clearInterval ?? ((timer) => clearInterval(timer as NodeJS.Timeout))
  const isCountdown = (): boolean => Boolean(options.stderr.isTTY) && !log?.isEnabled
  /** Said once per account and reset time: the several requests of one command wait together. */
  const told = new Set<string>()
  let active = 0
  let countdown: { timer: { unref?: () => unknown }; until: number } | null = null

  const draw = (): void => {
    if (countdown) write(`\r\u001b[2K  ${formatLeft(countdown.until - now())} left to wait (Ctrl-C to stop)`)
  }
  const clear = (): void => {
    if (!countdown) return
    cancel(countdown.timer)
    countdown = null
    write('\r\u001b[2K')
  }

  const listener: WaitListener = (notice) => {
    if (notice.phase === 'resumed') {
      active = Math.max(0, active - 1)
      if (active === 0) clear()
      return
    }
    active += 1
    const key = `${notice.account}|${notice.reason}|${notice.until}`
    if (!told.has(key)) {
      told.add(key)
      const message = describeWait(notice, now())
      if (log?.isEnabled) {
        log.log('budget.wait', {
          account: notice.account,
          reason: notice.reason,
          until: new Date(notice.until).toISOString(),
          message,
        })
      } else {
        // A countdown on screen is cleared first, so the line starts at the left edge.
        if (countdown) write('\r\u001b[2K')
        write(`${message}\n`)
      }
    }
    if (!isCountdown()) return
    if (countdown) countdown.until = Math.max(countdown.until, notice.until)
    else {
      const timer = every(draw, 1000)
      timer.unref?.()
      countdown = { timer, until: notice.until }
    }
    draw()
  }

  return { listener, stop: clear }
}
