import { describe, expect, it } from 'vitest'
import { rendererUrlFor } from '../../../../src/main/renderer-location'
import {
  readSelection,
  writeSelection,
  type Selection,
} from '../../../../src/renderer/src/hooks/use-selection'

const base: Selection = {
  period: { key: '30d' },
  filters: [],
  comparison: { mode: 'off', matchDayOfWeek: true },
  metric: 'visitors',
}

describe('readSelection', () => {
  it('reads the site the tray opens the window on (the URL main builds) as the selection', () => {
    const target = { account: 'work', site: 'a b&c.example' }
    for (const location of [
      { kind: 'dev-server', url: 'http://localhost:5173/' } as const,
      { kind: 'file', path: '/opt/plausible/out/renderer/index.html' } as const,
    ]) {
      const url = new URL(rendererUrlFor(location, target))
      expect(readSelection(url.search)).toMatchObject({ ...target, hasView: false })
      expect(url.hash).toBe('')
    }
  })

  it('reads site, account, Plausible-style period and dates from the address', () => {
    expect(readSelection('?site=shop.example.com&account=work&period=day&date=2026-11-01')).toMatchObject({
      site: 'shop.example.com',
      account: 'work',
      period: { key: 'day', date: '2026-11-01' },
      hasView: true,
    })
  })

  it('falls back to the last 30 days for a missing or unknown period', () => {
    expect(readSelection('')).toMatchObject({ period: { key: '30d' }, hasView: false, filters: [] })
    expect(readSelection('?period=week').period).toEqual({ key: '30d' })
  })

  it('reads filters, comparison, interval and the graphed metric', () => {
    const search = writeSelection('', {
      ...base,
      filters: [{ dimension: 'visit:source', operator: 'is', values: ['Google'] }],
      comparison: { mode: 'custom', matchDayOfWeek: false, from: '2026-01-01', to: '2026-01-31' },
      interval: 'time:week',
      metric: 'pageviews',
    })
    const read = readSelection(search)
    expect(read.filters).toEqual([{ dimension: 'visit:source', operator: 'is', values: ['Google'] }])
    expect(read.comparison).toEqual({
      mode: 'custom',
      matchDayOfWeek: false,
      from: '2026-01-01',
      to: '2026-01-31',
    })
    expect(read.interval).toBe('time:week')
    expect(read.metric).toBe('pageviews')
    expect(search).toContain('interval=week')
    expect(readSelection('?interval=time:hour').interval).toBe('time:hour')
  })
})

describe('writeSelection', () => {
  it('writes the selection and keeps other parameters, leaving defaults out', () => {
    expect(writeSelection('?debug=1', { ...base, site: 'a.example', account: 'demo' })).toBe(
      '?debug=1&site=a.example&account=demo',
    )
    expect(writeSelection('?period=7d&site=b.example', { ...base, period: { key: 'day' } })).toBe(
      '?period=day',
    )
    expect(
      writeSelection('', { ...base, period: { key: 'custom', from: '2026-11-01', to: '2026-11-01' } }),
    ).toBe('?period=custom&from=2026-11-01&to=2026-11-01')
  })
})
