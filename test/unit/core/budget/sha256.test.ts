import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { sha256Hex } from '../../../../src/core/budget/sha256'

const nodeSha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex')

describe('sha256Hex', () => {
  it('gives the published digests of the empty string and "abc"', () => {
    expect(sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855')
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad')
  })

  it('agrees with node:crypto on each length around the block and padding boundaries', () => {
    // 55 bytes is the longest message whose length still fits its one block; 56 needs a second; 64 is one
    // block exactly; 119/120 the same boundary one block on.
    for (let length = 0; length <= 200; length++) {
      const text = 'k'.repeat(length)
      expect([length, sha256Hex(text)]).toEqual([length, nodeSha256(text)])
    }
  })

  it('agrees with node:crypto on UTF-8 text and on budget ids as the ledger makes them', () => {
    const samples = [
      'https://plausible.io\nQNihnew1GRKkQfJOPdL8omXxi5QrxQu0KO3UcDFdOkVvrrmHmqCEOPnp-t3det2G',
      'http://127.0.0.1:8000\npk_test_0123456789',
      'Grüße, 世界 — 🙂',
      '\u0000\uffff'.repeat(40),
      'x'.repeat(10_000),
    ]
    for (const text of samples) expect(sha256Hex(text)).toBe(nodeSha256(text))
  })
})
