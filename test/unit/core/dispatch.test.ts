import { describe, expect, it } from 'vitest'
import { dispatch } from '../../../src/core/dispatch'
import type { ContractHandlers } from '../../../src/shared/contract'
import { PlausibleError } from '../../../src/shared/errors'
import { createFakeHandlers } from '../../helpers/contract-samples'

const secret = 'sk_live_0123456789abcdefghij'
const handlers: ContractHandlers = {
  ...createFakeHandlers().handlers,
  'accounts.list': async () => ({
    accounts: [
      {
        alias: 'work',
        baseUrl: 'https://plausible.io',
        isDefault: true,
        isDemo: false,
        hourlyLimit: 600,
        keySource: 'keychain',
        maskedKey: 'sk_l…ghij',
        apiKey: secret,
      } as never,
    ],
  }),
  'sites.list': async () => {
    throw new PlausibleError('NOT_FOUND', { details: { status: 404, serverMessage: 'Not Found' } })
  },
  'stats.query': async () => {
    throw new Error(`socket hang up while sending ${secret}`)
  },
  'stats.realtime': async ({ site }) => ({ site, visitors: 3 }),
  'budget.status': async () => ({
    account: 'work',
    hourlyLimit: 600,
    usedThisHour: 1,
    remainingThisHour: 599,
    hourStartedAt: 'a',
    resetsAt: 'b',
    pausedUntil: null,
  }),
}

describe('dispatch', () => {
  it('strips fields the output schema does not name, so a key cannot leave the core', async () => {
    const wire = await dispatch(handlers, 'accounts.list', {})
    expect(wire.ok).toBe(true)
    expect(JSON.stringify(wire)).not.toContain(secret)
  })

  it('refuses unknown calls and invalid input with USAGE before any handler runs', async () => {
    expect(await dispatch(handlers, 'accounts.delete', {})).toMatchObject({
      ok: false,
      error: { code: 'USAGE', message: 'Unknown call "accounts.delete".' },
    })
    const wire = await dispatch(handlers, 'stats.realtime', { site: '' })
    expect(wire).toMatchObject({ ok: false, error: { code: 'USAGE' } })
    if (!wire.ok) expect(wire.error.message).toMatch(/^Invalid input for stats.realtime: site: /)
    expect(await dispatch(handlers, 'stats.realtime', { site: 'a.com', extra: 1 })).toMatchObject({
      ok: false,
      error: { code: 'USAGE' },
    })
  })

  it('carries typed errors as data with their hint and details', async () => {
    expect(await dispatch(handlers, 'sites.list', {})).toEqual({
      ok: false,
      error: {
        code: 'NOT_FOUND',
        message: 'The server has no such resource.',
        hint: 'Check the site domain and the base URL of the account.',
        details: { status: 404, serverMessage: 'Not Found' },
      },
    })
  })

  it('turns an unexpected failure into INTERNAL without its text, which could hold a secret', async () => {
    const wire = await dispatch(handlers, 'stats.query', {
      query: { site_id: 'a.com', metrics: ['visitors'], date_range: '7d' },
    })
    expect(wire).toMatchObject({ ok: false, error: { code: 'INTERNAL' } })
    expect(JSON.stringify(wire)).not.toContain(secret)
  })

  it('answers a valid call with its value', async () => {
    expect(await dispatch(handlers, 'stats.realtime', { site: 'a.com' })).toEqual({
      ok: true,
      value: { site: 'a.com', visitors: 3 },
    })
  })
})
