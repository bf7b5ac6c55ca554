// The Redis ledger's per-source counts and 24-hour history against a real redis-server (on a free port,
// stopped by its pid), the same cases the memory and file stores pass; plus the expiry that trims Redis.
import { Redis } from 'ioredis'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createLedger } from '../../src/core/budget/ledger'
import { createRedisLedgerStore } from '../../src/core/budget/redis-ledger-store'
import { ledgerHistoryCases } from '../helpers/ledger-history-cases'
import { startRedis, type RedisServer } from './budget-support'

let redis: RedisServer

beforeAll(async () => {
  redis = await startRedis()
})

afterAll(async () => {
  await redis?.stop()
})

describe('redis ledger store: requests by source over 24 hours', () => {
  ledgerHistoryCases(() => createRedisLedgerStore({ url: redis.url }))

  it('counts the source in the reserving script and lets the hour’s sources expire 24 hours after it began', async () => {
    const at = Date.parse('2026-11-23T10:15:00Z')
    const store = createRedisLedgerStore({ url: redis.url, prefix: 'expiry' })
    const ledger = createLedger({ store, clock: () => at })
    const client = new Redis(redis.url)
    try {
      const account = { id: 'b-expiry', alias: 'work', hourlyLimit: 20, dailyLimit: null }
      await ledger.reserve(account, 'cli')
      await ledger.reserve(account, 'tray')
      const key = `expiry:{b-expiry}:sources:${Date.parse('2026-11-23T10:00:00Z')}`
      expect(await client.hgetall(key)).toEqual({ cli: '1', tray: '1' })
      // 10:00 leaves the history at 10:00 the next day: 23 h 45 min from 10:15, plus a minute of slack.
      const ttl = await client.pttl(key)
      const expected = Date.parse('2026-11-24T10:01:00Z') - at
      expect(ttl).toBeLessThanOrEqual(expected)
      expect(ttl).toBeGreaterThan(expected - 5_000)
    } finally {
      client.disconnect()
      await ledger.close()
    }
  })
})
