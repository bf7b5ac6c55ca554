import { describe, expect, it } from 'vitest'
import { maskKey } from '../../../../src/core/accounts/mask'

const keyOf = (length: number): string =>
  Array.from({ length }, (_, i) => 'abcdefghijklmnopqrstuvwxyz0123456789'[i % 36]).join('')

describe('maskKey', () => {
  it('shows nothing of a key shorter than 8 characters', () => {
    expect(maskKey('')).toBe('…')
    expect(maskKey(keyOf(7))).toBe('…')
  })

  it('shows one character at each end from 8 characters: a quarter, no more', () => {
    expect(maskKey(keyOf(8))).toBe('a…h')
    expect(maskKey(keyOf(15))).toBe('a…o')
    expect(maskKey(keyOf(16))).toBe('ab…op')
  })

  it('shows four at each end from 32 characters, and never more', () => {
    expect(maskKey(keyOf(31))).toBe(`abc…${keyOf(31).slice(-3)}`)
    expect(maskKey(keyOf(32))).toBe(`abcd…${keyOf(32).slice(-4)}`)
    expect(maskKey(keyOf(64))).toBe(`abcd…${keyOf(64).slice(-4)}`)
  })

  it('never shows more than a quarter of any key', () => {
    for (let length = 0; length <= 80; length += 1)
      expect(maskKey(keyOf(length)).replace('…', '').length).toBeLessThanOrEqual(length / 4)
  })
})
