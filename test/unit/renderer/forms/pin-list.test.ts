import { describe, expect, it } from 'vitest'
import { maxPins } from '../../../../src/shared/contract/glance'
import { addPin, movePin, pinListProblem, removePin } from '../../../../src/renderer/src/forms/pin-list'

const a = { account: 'work', site: 'a.example' }
const b = { account: 'demo', site: 'b.example' }
const c = { account: 'work', site: 'c.example' }

describe('pin list edits', () => {
  it('adds a site at the end, once per account', () => {
    expect(addPin([a], b)).toEqual([a, b])
    expect(addPin([a, b], { ...a })).toEqual([a, b])
    expect(addPin([a], { account: 'demo', site: 'a.example' })).toEqual([
      a,
      { account: 'demo', site: 'a.example' },
    ])
  })

  it('moves a pin up or down by one, and not past either end', () => {
    expect(movePin([a, b, c], 2, -1)).toEqual([a, c, b])
    expect(movePin([a, b, c], 0, 1)).toEqual([b, a, c])
    expect(movePin([a, b, c], 0, -1)).toEqual([a, b, c])
    expect(movePin([a, b, c], 2, 1)).toEqual([a, b, c])
    expect(movePin([a, b, c], 5, -1)).toEqual([a, b, c])
  })

  it('unpins by position', () => {
    expect(removePin([a, b, c], 1)).toEqual([a, c])
  })

  it('says what the contract refuses', () => {
    expect(pinListProblem([a, b])).toBeNull()
    expect(pinListProblem([a, { ...a }])).toBe('A site is pinned once per account')
    const many = Array.from({ length: maxPins + 1 }, (_, i) => ({ account: 'work', site: `s${i}.example` }))
    expect(pinListProblem(many)).toBe(`At most ${maxPins} sites can be pinned`)
  })
})
