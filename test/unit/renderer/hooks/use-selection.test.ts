import { describe, expect, it } from 'vitest'
import { readSelection, writeSelection } from '../../../../src/renderer/src/hooks/use-selection'

describe('readSelection', () => {
  it('reads site, account and period from the address', () => {
    expect(readSelection('?site=shop.example.com&account=work&period=7d')).toEqual({
      site: 'shop.example.com',
      account: 'work',
      range: '7d',
    })
  })

  it('falls back to the last 30 days for a missing or unknown period', () => {
    expect(readSelection('')).toEqual({ range: '30d' })
    expect(readSelection('?period=realtime')).toEqual({ range: '30d' })
  })
})

describe('writeSelection', () => {
  it('writes the selection and keeps other parameters, leaving the default range out', () => {
    expect(writeSelection('?debug=1', { site: 'a.example', account: 'demo', range: '30d' })).toBe(
      '?debug=1&site=a.example&account=demo',
    )
    expect(writeSelection('?period=7d&site=b.example', { range: 'day' })).toBe('?period=day')
  })
})
