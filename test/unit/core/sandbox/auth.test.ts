import { describe, expect, it } from 'vitest'
import { authenticate, sandboxKeys } from '../../../../src/core/sandbox/auth'

const keys = sandboxKeys(42)

describe('API key check (§2)', () => {
  it('derives 64-character URL-safe keys from the seed', () => {
    expect(keys.demo.key).toMatch(/^[A-Za-z0-9_-]{64}$/)
    expect(sandboxKeys(42).demo.key).toBe(keys.demo.key)
    expect(sandboxKeys(43).demo.key).not.toBe(keys.demo.key)
    expect(keys.statsOnly.key).not.toBe(keys.demo.key)
    expect(keys.demo.scopes).toEqual(['sites:provision:*'])
  })

  it('needs the literal, case-sensitive "Bearer " prefix on the first header', () => {
    const all = [keys.demo]
    expect(authenticate(undefined, all)).toEqual({ kind: 'missing' })
    expect(authenticate(`bearer ${keys.demo.key}`, all)).toEqual({ kind: 'missing' })
    expect(authenticate(keys.demo.key, all)).toEqual({ kind: 'missing' })
    expect(authenticate('Bearer nope', all)).toEqual({ kind: 'invalid' })
    expect(authenticate(`Bearer ${keys.demo.key}  `, all)).toEqual({ kind: 'ok', apiKey: keys.demo })
    expect(authenticate(['Basic x', `Bearer ${keys.demo.key}`], all)).toEqual({ kind: 'missing' })
  })
})
