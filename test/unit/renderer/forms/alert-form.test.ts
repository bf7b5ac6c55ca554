import { describe, expect, it } from 'vitest'
import {
  alertChangeOf,
  checkMaxPerHour,
  checkQuietHours,
  checkRule,
  draftOf,
  pinKey,
} from '../../../../src/renderer/src/forms/alert-form'

const shop = { account: 'work', site: 'shop.example.com' }
const blog = { account: 'demo', site: 'blog.example.org' }

describe('checkRule', () => {
  it('turns typed lines into the contract rule, empty meaning none', () => {
    expect(checkRule(shop, { spike: ' 50 ', drop: '5' })).toEqual({
      rule: { ...shop, spikeAt: 50, dropBelow: 5 },
      problems: {},
    })
    expect(checkRule(shop, { spike: '', drop: '3' }).rule).toEqual({ ...shop, spikeAt: null, dropBelow: 3 })
    expect(checkRule(shop, { spike: '', drop: '' })).toEqual({ rule: null, problems: {} })
  })

  it('refuses a drop line at or above the spike line, saying both numbers', () => {
    const above = checkRule(shop, { spike: '20', drop: '50' })
    expect(above.rule).toBeUndefined()
    expect(above.problems.drop).toBe(
      'The drop line must be below the spike line (20): it alerts under 50 visitors, the spike at 20 or more.',
    )
    expect(checkRule(shop, { spike: '20', drop: '20' }).rule).toBeUndefined()
    expect(checkRule(shop, { spike: '20', drop: '19' }).rule).toMatchObject({ spikeAt: 20, dropBelow: 19 })
  })

  it('refuses anything but a whole number above zero, per field', () => {
    for (const text of ['0', '-3', '2.5', 'ten', '1e3']) {
      const check = checkRule(shop, { spike: text, drop: '' })
      expect(check.rule).toBeUndefined()
      expect(check.problems.spike).toMatch(/whole number of visitors above zero/)
      expect(check.problems.drop).toBeUndefined()
    }
  })

  it('uses the contract schema for the site itself', () => {
    const check = checkRule({ account: 'work', site: '   ' }, { spike: '5', drop: '' })
    expect(check.rule).toBeUndefined()
    expect(check.problems.drop).toBe('A site is its domain, e.g. example.com')
  })

  it('shows a saved rule as text', () => {
    expect(draftOf({ ...shop, spikeAt: 40, dropBelow: null })).toEqual({ spike: '40', drop: '' })
    expect(draftOf(undefined)).toEqual({ spike: '', drop: '' })
  })
})

describe('checkQuietHours', () => {
  it('is null when off, the span when on, over midnight too', () => {
    expect(checkQuietHours({ isOn: false, start: 'nonsense', end: '' })).toEqual({ value: null })
    expect(checkQuietHours({ isOn: true, start: '22:00', end: '07:30' })).toEqual({
      value: { start: '22:00', end: '07:30' },
    })
  })

  it('names the field whose time is not HH:MM, and refuses equal ends', () => {
    expect(checkQuietHours({ isOn: true, start: '22:00', end: '' }).problem).toBe(
      'To: A time of day is HH:MM (24-hour), e.g. 22:00',
    )
    expect(checkQuietHours({ isOn: true, start: '24:00', end: '07:00' }).problem).toMatch(/^From: /)
    expect(checkQuietHours({ isOn: true, start: '08:00', end: '08:00' })).toEqual({
      value: undefined,
      problem: 'From and to are the same time, which silences nothing.',
    })
  })
})

describe('checkMaxPerHour', () => {
  it('takes 1 to 60', () => {
    expect(checkMaxPerHour('1').value).toBe(1)
    expect(checkMaxPerHour('60').value).toBe(60)
    for (const text of ['0', '61', '', '3.5', 'x']) {
      expect(checkMaxPerHour(text)).toEqual({
        value: undefined,
        problem: 'Type a whole number from 1 to 60.',
      })
    }
  })
})

describe('alertChangeOf', () => {
  const quiet = { isOn: true, start: '23:00', end: '06:00' }

  it('builds the alerts.set input for the pinned sites, in pin order, skipping sites without lines', () => {
    const rules = new Map([
      [pinKey(blog), { spike: '9', drop: '' }],
      [pinKey(shop), { spike: '', drop: '' }],
      [pinKey({ account: 'old', site: 'gone.example' }), { spike: '5', drop: '' }],
    ])
    expect(alertChangeOf([shop, blog], { rules, quiet, maxPerHour: '3' })).toEqual({
      rules: [{ ...blog, spikeAt: 9, dropBelow: null }],
      quietHours: { start: '23:00', end: '06:00' },
      maxPerHour: 3,
    })
  })

  it('is null while any field has a problem', () => {
    const bad = new Map([[pinKey(shop), { spike: '10', drop: '12' }]])
    expect(alertChangeOf([shop], { rules: bad, quiet, maxPerHour: '3' })).toBeNull()
    expect(alertChangeOf([shop], { rules: new Map(), quiet, maxPerHour: '0' })).toBeNull()
    expect(
      alertChangeOf([shop], { rules: new Map(), quiet: { ...quiet, end: '7' }, maxPerHour: '3' }),
    ).toBeNull()
  })
})
