import { describe, expect, it } from 'vitest'
import {
  decideAlert,
  emptyAlertState,
  isQuiet,
  levelOf,
  minuteOfDayIn,
  type AlertSample,
} from '../../../../src/core/glance/alerts'
import type { AlertSettings } from '../../../../src/shared/contract/glance'

const start = Date.parse('2026-11-22T13:00:00.000Z')
const rule = { account: 'work', site: 'example.com', spikeAt: 50, dropBelow: 5 }
const settings: AlertSettings = { enabled: true, rules: [rule], quietHours: null, maxPerHour: 2 }
const noon = (): number => 12 * 60

function sample(visitors: number, minute: number, site = 'example.com'): AlertSample {
  return { account: 'work', site, visitors, at: start + minute * 60_000 }
}

function run(
  counts: number[],
  options: { settings?: AlertSettings; calm?: boolean; minuteOfDay?: (at: number) => number } = {},
) {
  const state = emptyAlertState()
  return counts.map((count, minute) =>
    decideAlert(state, sample(count, minute), options.settings ?? settings, {
      calm: options.calm ?? false,
      minuteOfDay: options.minuteOfDay ?? noon,
    }),
  )
}

describe('decideAlert', () => {
  it('notifies once when the count crosses up to the spike threshold, not while it stays there', () => {
    const decisions = run([20, 49, 50, 70, 55])
    expect(decisions.map((decision) => decision.kind)).toEqual(['none', 'none', 'notify', 'none', 'none'])
    expect(decisions[2]).toEqual({
      kind: 'notify',
      notification: {
        account: 'work',
        site: 'example.com',
        kind: 'spike',
        title: 'Spike on example.com',
        body: '50 current visitors (alert at 50).',
      },
    })
  })

  it('notifies a drop when the count falls below the drop threshold', () => {
    const decisions = run([20, 4])
    expect(decisions[1]).toMatchObject({
      kind: 'notify',
      notification: {
        kind: 'drop',
        title: 'Drop on example.com',
        body: '4 current visitors (alert below 5).',
      },
    })
  })

  it('does not alert on the first sample: starting the app while a site is busy is not a spike', () => {
    expect(run([80]).map((decision) => decision.kind)).toEqual(['none'])
  })

  it('leaves a spike only past a 10 % band, so a count hovering on the line alerts once', () => {
    expect(run([20, 50, 46, 50, 44, 50]).map((decision) => decision.kind)).toEqual([
      'none',
      'notify',
      'none',
      'none',
      'none',
      'notify',
    ])
    expect(levelOf(rule, 45, 'spike')).toBe('spike')
    expect(levelOf(rule, 44, 'spike')).toBe('normal')
  })

  it('shows at most maxPerHour notifications in a rolling hour and silences the rest', () => {
    const kinds = run([20, 60, 20, 60, 20, 60]).map((decision) => decision.kind)
    expect(kinds).toEqual(['none', 'notify', 'none', 'notify', 'none', 'silenced'])
    expect(run([20, 60, 20, 60, 20, 60])[5]).toMatchObject({ kind: 'silenced', reason: 'hourly-cap' })
  })

  it('lets a notification through again once the first of the hour has aged out', () => {
    const state = emptyAlertState()
    const options = { calm: false, minuteOfDay: noon }
    const at = (visitors: number, minute: number) =>
      decideAlert(state, sample(visitors, minute), settings, options).kind
    expect([at(20, 0), at(60, 1), at(20, 2), at(60, 3), at(20, 4), at(60, 5)]).toEqual([
      'none',
      'notify',
      'none',
      'notify',
      'none',
      'silenced',
    ])
    expect([at(20, 60), at(60, 62)]).toEqual(['none', 'notify'])
  })

  it('silences alerts in quiet hours across midnight but keeps the level, so none fires stale at 07:00', () => {
    const quiet: AlertSettings = { ...settings, quietHours: { start: '22:00', end: '07:00' } }
    const night = (): number => 23 * 60 + 30
    expect(run([20, 60], { settings: quiet, minuteOfDay: night })[1]).toMatchObject({
      kind: 'silenced',
      reason: 'quiet-hours',
    })
    const state = emptyAlertState()
    decideAlert(state, sample(20, 0), quiet, { calm: false, minuteOfDay: night })
    decideAlert(state, sample(60, 1), quiet, { calm: false, minuteOfDay: night })
    expect(decideAlert(state, sample(65, 2), quiet, { calm: false, minuteOfDay: () => 7 * 60 }).kind).toBe(
      'none',
    )
  })

  it('says the direction without numbers in calm mode', () => {
    expect(run([20, 60], { calm: true })[1]).toEqual({
      kind: 'notify',
      notification: {
        account: 'work',
        site: 'example.com',
        kind: 'spike',
        title: 'example.com ↑',
        body: 'More people than usual are on the site right now.',
      },
    })
  })

  it('stays silent when alerts are off, and for sites without a rule', () => {
    expect(run([20, 60], { settings: { ...settings, enabled: false } })[1]).toMatchObject({
      kind: 'silenced',
      reason: 'disabled',
    })
    const state = emptyAlertState()
    const other = (visitors: number, minute: number) =>
      decideAlert(state, sample(visitors, minute, 'other.example'), settings, {
        calm: false,
        minuteOfDay: noon,
      }).kind
    expect([other(1, 0), other(500, 1)]).toEqual(['none', 'none'])
  })
})

describe('quiet hours', () => {
  it('span midnight when the start is after the end, and are empty when both are equal', () => {
    const quiet = { start: '22:00', end: '07:00' }
    expect(
      [21 * 60 + 59, 22 * 60, 3 * 60, 6 * 60 + 59, 7 * 60].map((minute) => isQuiet(minute, quiet)),
    ).toEqual([false, true, true, true, false])
    expect(isQuiet(12 * 60, { start: '12:00', end: '13:00' })).toBe(true)
    expect(isQuiet(12 * 60, { start: '08:00', end: '08:00' })).toBe(false)
  })

  it('are read in the given time zone: 21:30 UTC is 22:30 in Berlin in winter', () => {
    expect(minuteOfDayIn('Europe/Berlin')(Date.parse('2026-11-22T21:30:00Z'))).toBe(22 * 60 + 30)
    expect(minuteOfDayIn('Asia/Kathmandu')(Date.parse('2026-11-22T00:00:00Z'))).toBe(5 * 60 + 45)
  })
})
