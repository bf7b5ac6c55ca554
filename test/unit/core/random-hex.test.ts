import { describe, expect, it } from 'vitest'
import { randomHex } from '../../../src/core/random-hex'

describe('randomHex', () => {
  it('gives exactly the digits asked for, lowercase hex, across the 8-digit steps it draws in', () => {
    for (const digits of [1, 7, 8, 9, 16, 17])
      expect(randomHex(digits)).toMatch(new RegExp(`^[0-9a-f]{${digits}}$`))
  })

  it('does not repeat itself over a thousand names', () => {
    expect(new Set(Array.from({ length: 1_000 }, () => randomHex(8))).size).toBe(1_000)
  })
})
