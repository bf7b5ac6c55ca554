import { describe, expect, it } from 'vitest'
import { createRandom, hashKey, pickWeightedIndex, weightedTable } from '../../../../src/core/sandbox/random'

describe('seeded random numbers', () => {
  it('gives the same sequence for the same key and another one for another key', () => {
    const draw = (...key: Array<string | number>) => {
      const random = createRandom(...key)
      return Array.from({ length: 5 }, () => random.int(0, 1_000_000))
    }
    expect(draw(42, 'shop.example.com', 20_000)).toEqual(draw(42, 'shop.example.com', 20_000))
    expect(draw(42, 'shop.example.com', 20_000)).not.toEqual(draw(43, 'shop.example.com', 20_000))
    expect(draw(42, 'shop.example.com', 20_000)).not.toEqual(draw(42, 'shop.example.com', 20_001))
  })

  it('keeps int() within both inclusive bounds', () => {
    const random = createRandom('bounds')
    const seen = new Set(Array.from({ length: 500 }, () => random.int(3, 5)))
    expect([...seen].sort()).toEqual([3, 4, 5])
  })

  it('hashes parts with a separator so ("ab","c") and ("a","bc") differ', () => {
    expect(hashKey('ab', 'c')).not.toBe(hashKey('a', 'bc'))
    expect(hashKey('x', 1)).toBe(hashKey('x', 1))
  })

  it('never picks an entry of zero weight and picks others in proportion', () => {
    const table = weightedTable([
      ['never', 0],
      ['rare', 1],
      ['common', 3],
    ])
    const random = createRandom('weights')
    const counts = [0, 0]
    for (let i = 0; i < 4000; i++) counts[pickWeightedIndex(random, table)]!++
    expect(table.values).toEqual(['rare', 'common'])
    expect(counts[0]! / 4000).toBeGreaterThan(0.2)
    expect(counts[0]! / 4000).toBeLessThan(0.3)
  })
})
