// The Redis ledger when its Redis cannot be reached: each operation fails as NETWORK with a message that
// names Redis (its URL without credentials) and why, not the Plausible server the request was for.
import { createServer, type AddressInfo } from 'node:net'
import { describe, expect, it } from 'vitest'
import { createLedger } from '../../../../src/core/budget/ledger'
import { createRedisLedgerStore, withoutCredentials } from '../../../../src/core/budget/redis-ledger-store'
import { PlausibleError } from '../../../../src/shared/errors'

/** A port nothing listens on: taken from the OS, then released. */
async function closedPort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return port
}

describe('redis ledger store with its Redis unreachable', () => {
  it('refuses a reservation and a snapshot with NETWORK naming Redis, the refused connection and the fix', async () => {
    const port = await closedPort()
    const store = createRedisLedgerStore({ url: `redis://team:s3cret@127.0.0.1:${port}/0` })
    const ledger = createLedger({ store, clock: () => Date.parse('2026-11-23T10:15:00Z') })
    const account = { id: 'b-1', alias: 'work', hourlyLimit: 600, dailyLimit: null }
    try {
      for (const attempt of [() => ledger.reserve(account, 'cli'), () => ledger.snapshot(account)]) {
        const error = await attempt().then(
          () => null,
          (failure: unknown) => failure,
        )
        expect(error).toBeInstanceOf(PlausibleError)
        const typed = error as PlausibleError
        expect(typed.code).toBe('NETWORK')
        expect(typed.message).toBe(
          `The shared budget in Redis at redis://***@127.0.0.1:${port}/0 (PLAUSIBLE_REDIS_URL) did not answer: connect ECONNREFUSED 127.0.0.1:${port}. Nothing was sent.`,
        )
        expect(typed.message).not.toContain('s3cret')
        expect(typed.hint).toBe(
          "Start that Redis server or fix PLAUSIBLE_REDIS_URL; or unset PLAUSIBLE_REDIS_URL to count this machine's requests on their own.",
        )
      }
    } finally {
      await ledger.close()
    }
  }, 20_000)
})

describe('withoutCredentials', () => {
  it('masks a user and a password, keeps a URL without them as it is', () => {
    expect(withoutCredentials('redis://team:s3cret@redis.internal:6379/2')).toBe(
      'redis://***@redis.internal:6379/2',
    )
    expect(withoutCredentials('redis://:s3cret@redis.internal:6379')).toBe('redis://***@redis.internal:6379')
    expect(withoutCredentials('redis://127.0.0.1:6379')).toBe('redis://127.0.0.1:6379')
    expect(withoutCredentials('not a url s3cret')).toBe('the configured URL')
  })
})
