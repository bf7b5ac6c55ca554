// The connector's connections: one per account, priority and wait, reused while the account resolves
// the same (a cached read builds nothing new), replaced when its key or server changes.
import { describe, expect, it } from 'vitest'
import { createAccountDirectory } from '../../../src/core/accounts/account-directory'
import { createLedger } from '../../../src/core/budget/ledger'
import { createMemoryLedgerStore } from '../../../src/core/budget/ledger-store'
import { createReadCache } from '../../../src/core/cache/read-cache'
import { createConnector } from '../../../src/core/connection'
import { createDemoServer } from '../../../src/core/demo'
import type { Fetch, SecretStore } from '../../../src/core/ports'
import { createScheduler } from '../../../src/core/queue/scheduler'
import { memorySettings } from '../../helpers/memory-settings'

const clock = (): number => Date.parse('2026-11-23T10:15:00Z')

function setup() {
  const keys = new Map([['work', 'work-key-1111']])
  const secrets: SecretStore = {
    kind: 'memory',
    get: async (alias) => keys.get(alias) ?? null,
    set: async (alias, secret) => void keys.set(alias, secret),
    delete: async (alias) => keys.delete(alias),
  }
  const settings = memorySettings({
    accounts: [{ alias: 'work', baseUrl: 'https://stats.example.com', hourlyLimit: 600 }],
    defaultAccount: 'work',
  })
  const ledger = createLedger({ store: createMemoryLedgerStore(), clock })
  let sent = 0
  const fetch = (async () => {
    sent += 1
    return Response.json(sent)
  }) as Fetch
  const connector = createConnector({
    accounts: createAccountDirectory({ settings, secrets, overrides: {} }),
    ledger,
    scheduler: createScheduler({ ledger, clock }),
    cache: createReadCache({ clock }),
    demo: createDemoServer(clock),
    clock,
    fetch,
  })
  return { connector, keys, settings, sent: () => sent }
}

describe('connector', () => {
  it('hands out the same connection while the account, priority and wait stay the same', async () => {
    const { connector } = setup()
    const first = await connector.connect('work', { priority: 'interactive' })
    expect(await connector.connect('work', { priority: 'interactive' })).toBe(first)
    expect(await connector.connect(undefined)).toBe(first)
  })

  it('gives each priority and each wait its own connection', async () => {
    const { connector } = setup()
    const window = await connector.connect('work', { priority: 'interactive' })
    const cli = await connector.connect('work', { priority: 'cli' })
    const noWait = await connector.connect('work', { priority: 'cli', wait: false })
    expect(new Set([window, cli, noWait]).size).toBe(3)
    expect(await connector.connect('work', { priority: 'cli', wait: false })).toBe(noWait)
  })

  it('replaces the connection when the key or the server changes, and reads under the new budget', async () => {
    const { connector, keys, settings, sent } = setup()
    const first = await connector.connect('work')
    await connector.read(first, 'stats.realtime', { site: 'a.example' }, (client) =>
      client.realtimeVisitors('a.example'),
    )
    keys.set('work', 'work-key-2222')
    const rotated = await connector.connect('work')
    expect(rotated).not.toBe(first)
    expect(rotated.account.apiKey).toBe('work-key-2222')
    // Another key is another budget: its read is not answered from the first key's cache.
    await connector.read(rotated, 'stats.realtime', { site: 'a.example' }, (client) =>
      client.realtimeVisitors('a.example'),
    )
    expect(sent()).toBe(2)
    settings.write({
      accounts: [{ alias: 'work', baseUrl: 'https://other.example.com', hourlyLimit: 600 }],
      defaultAccount: 'work',
    })
    const moved = await connector.connect('work')
    expect(moved).not.toBe(rotated)
    expect(moved.account.baseUrl).toBe('https://other.example.com')
    // Any other field of the account, too.
    settings.write({
      accounts: [{ alias: 'work', baseUrl: 'https://other.example.com', hourlyLimit: 601 }],
      defaultAccount: 'work',
    })
    const limited = await connector.connect('work')
    expect(limited).not.toBe(moved)
    expect(connector.budgetOf(limited.account).hourlyLimit).toBe(601)
    expect(await connector.connect('work')).toBe(limited)
  })
})
