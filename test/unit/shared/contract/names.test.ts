import { describe, expect, it } from 'vitest'
import { calls } from '../../../../src/shared/contract/calls'
import { callNames, channelOf, isCallName } from '../../../../src/shared/contract/names'

describe('contract names', () => {
  it('lists exactly the calls of the contract table, so the preload cannot drift from it', () => {
    expect([...callNames].sort()).toEqual(Object.keys(calls).sort())
  })

  it('builds every channel from the call name with one prefix', () => {
    expect(channelOf('stats.query')).toBe('plausible:stats.query')
    expect(new Set(callNames.map(channelOf)).size).toBe(callNames.length)
  })

  it('recognises only declared call names', () => {
    expect(isCallName('budget.status')).toBe(true)
    expect(isCallName('budget.reset')).toBe(false)
    expect(isCallName(42)).toBe(false)
  })

  it('gives every call a one-sentence summary for the CLI help', () => {
    for (const name of callNames) expect(calls[name].summary).toMatch(/^[A-Z].*\.$/)
  })
})
