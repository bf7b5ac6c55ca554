// accounts.* on a real core against a real sandbox over loopback: keys checked with one request,
// nothing stored on a refusal, rotation that keeps the old key when the new one is refused.
import { mkdtempSync, readFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openCore, type Core } from '../../src/core/core'
import { dispatch } from '../../src/core/dispatch'
import { startSandbox, type RunningSandbox } from '../../src/core/sandbox'
import { sandboxKeys } from '../../src/core/sandbox/auth'
import { createApiClient, type PlausibleApi } from '../../src/shared/contract'

const seed = 11
let sandbox: RunningSandbox
let site: string
const keys = sandboxKeys(seed)
const wrongKey = 'wrongKey-0123456789abcdefghijklmnopqrstuvwxyz'

beforeAll(async () => {
  sandbox = await startSandbox({ seed })
  site = sandbox.sites[0]!.domain
})
afterAll(() => sandbox.close())

async function freshCore(): Promise<{
  core: Core
  api: PlausibleApi
  configDir: string
  warnings: string[]
}> {
  const configDir = mkdtempSync(join(tmpdir(), 'plausible-accounts-'))
  const warnings: string[] = []
  const core = await openCore({
    configDir,
    env: { PLAUSIBLE_SECRET_STORE: 'file' },
    addDemoIfEmpty: true,
    onWarning: (message) => warnings.push(message),
  })
  const api = createApiClient((name, input) => dispatch(core.handlers, name, input))
  return { core, api, configDir, warnings }
}

describe('accounts on a real core', () => {
  let core: Core
  let api: PlausibleApi
  let configDir: string

  beforeAll(async () => ({ core, api, configDir } = await freshCore()))
  afterAll(() => core.close())

  it('adds an account after one request, makes the first real account the default, and keeps no key in config.json', async () => {
    const before = await api['budget.status']({ account: 'demo' })
    const result = await api['accounts.add']({
      alias: 'work',
      baseUrl: sandbox.baseUrl,
      apiKey: keys.demo.key,
    })
    expect(result).toEqual({
      account: {
        alias: 'work',
        baseUrl: sandbox.baseUrl,
        isDefault: true,
        isDemo: false,
        hourlyLimit: 600,
        keySource: 'file',
        maskedKey: `${keys.demo.key.slice(0, 4)}…${keys.demo.key.slice(-4)}`,
      },
      verified: true,
      keyStore: { backend: 'file', note: 'PLAUSIBLE_SECRET_STORE=file', folder: join(configDir, 'secrets') },
    })
    expect((await api['budget.status']({ account: 'work' })).usedThisHour).toBe(1)
    expect((await api['budget.status']({ account: 'demo' })).usedThisHour).toBe(before.usedThisHour)
    const config = readFileSync(join(configDir, 'config.json'), 'utf8')
    expect(config).not.toContain(keys.demo.key)
    expect(JSON.parse(config).defaultAccount).toBe('work')
    expect((await api['stats.realtime']({ site })).visitors).toBeGreaterThanOrEqual(0)
  })

  it('refuses a wrong key with the typed error and stores nothing', async () => {
    const error = await api['accounts.add']({
      alias: 'bad',
      baseUrl: sandbox.baseUrl,
      apiKey: wrongKey,
    }).catch((caught: unknown) => caught)
    expect(error).toMatchObject({ code: 'AUTH_INVALID' })
    expect((error as Error).message).toContain('The key was not stored.')
    expect(JSON.stringify(error)).not.toContain(wrongKey)
    const { accounts } = await api['accounts.list']({})
    expect(accounts.map((account) => account.alias)).toEqual(['demo', 'work'])
  })

  it('stores without a request when verify is false, and refuses a second account with the same alias', async () => {
    const added = await api['accounts.add']({
      alias: 'offline',
      baseUrl: 'http://127.0.0.1:9',
      apiKey: wrongKey,
      verify: false,
      hourlyLimit: 50,
      dailyCap: 500,
    })
    expect(added.verified).toBe(false)
    expect(added.account).toMatchObject({
      isDefault: false,
      hourlyLimit: 50,
      dailyCap: 500,
      keySource: 'file',
    })
    await expect(
      api['accounts.add']({ alias: 'offline', baseUrl: sandbox.baseUrl, apiKey: keys.demo.key }),
    ).rejects.toMatchObject({ code: 'ACCOUNT_EXISTS' })
  })

  it('switches the default, sets and clears budgets', async () => {
    expect((await api['accounts.use']({ alias: 'offline' })).account.isDefault).toBe(true)
    await expect(api['accounts.use']({ alias: 'nope' })).rejects.toMatchObject({ code: 'ACCOUNT_NOT_FOUND' })
    const set = await api['accounts.budget']({ alias: 'work', hourlyLimit: 120, dailyCap: 1000 })
    expect(set.account).toMatchObject({ hourlyLimit: 120, dailyCap: 1000 })
    const cleared = await api['accounts.budget']({ alias: 'work', clear: true })
    expect(cleared.account.hourlyLimit).toBe(600)
    expect(cleared.account.dailyCap).toBeUndefined()
    await expect(api['accounts.budget']({ alias: 'work' })).rejects.toMatchObject({ code: 'USAGE' })
  })

  it('exports the settings without any key', async () => {
    const exported = await api['accounts.export']({})
    expect(exported).toMatchObject({
      format: 'plausible-desktop/accounts',
      version: 1,
      defaultAccount: 'offline',
    })
    expect(exported.accounts.map((account) => [account.alias, account.isDefault])).toEqual([
      ['demo', false],
      ['work', false],
      ['offline', true],
    ])
    expect(JSON.stringify(exported)).not.toContain(keys.demo.key)
    expect(JSON.stringify(exported)).not.toContain(wrongKey)
  })

  it('removes an account with its key and picks the next default', async () => {
    const removed = await api['accounts.remove']({ alias: 'offline', purgeUsage: true })
    expect(removed).toMatchObject({
      alias: 'offline',
      keyRemoved: true,
      usagePurged: true,
      defaultAccount: 'work',
    })
    await expect(api['accounts.remove']({ alias: 'offline' })).rejects.toMatchObject({
      code: 'ACCOUNT_NOT_FOUND',
    })
  })
})

describe('accounts.rotate', () => {
  it('with a wrong new key leaves the old key in place and working', async () => {
    const { core, api } = await freshCore()
    try {
      await api['accounts.add']({ alias: 'work', baseUrl: sandbox.baseUrl, apiKey: keys.demo.key })
      const error = await api['accounts.rotate']({ alias: 'work', apiKey: wrongKey }).catch(
        (caught: unknown) => caught,
      )
      expect(error).toMatchObject({ code: 'AUTH_INVALID' })
      expect(JSON.stringify(error)).not.toContain(wrongKey)
      const [account] = (await api['accounts.list']({})).accounts.filter((entry) => entry.alias === 'work')
      expect(account?.maskedKey).toBe(`${keys.demo.key.slice(0, 4)}…${keys.demo.key.slice(-4)}`)
      expect((await api['stats.realtime']({ account: 'work', site })).site).toBe(site)
    } finally {
      await core.close()
    }
  })

  it('with a working new key swaps it in after checking it', async () => {
    const { core, api } = await freshCore()
    try {
      await api['accounts.add']({ alias: 'work', baseUrl: sandbox.baseUrl, apiKey: keys.demo.key })
      const rotated = await api['accounts.rotate']({ alias: 'work', apiKey: keys.statsOnly.key })
      expect(rotated.account.maskedKey).toBe(
        `${keys.statsOnly.key.slice(0, 4)}…${keys.statsOnly.key.slice(-4)}`,
      )
      expect((await api['stats.realtime']({ account: 'work', site })).site).toBe(site)
      await expect(
        api['accounts.rotate']({ alias: 'demo', apiKey: keys.statsOnly.key }),
      ).rejects.toMatchObject({
        code: 'USAGE',
      })
    } finally {
      await core.close()
    }
  })
})

describe('errors never carry a key', () => {
  let echo: Server
  let echoUrl: string

  beforeAll(async () => {
    // A misbehaving proxy that quotes the request's Authorization header in its error body.
    echo = createServer((req, res) => {
      res.writeHead(req.url?.startsWith('/api/v2') ? 401 : 502, { 'content-type': 'application/json' })
      res.end(JSON.stringify({ error: `rejected header authorization: ${req.headers.authorization ?? ''}` }))
    })
    await new Promise<void>((resolve) => echo.listen(0, '127.0.0.1', resolve))
    echoUrl = `http://127.0.0.1:${(echo.address() as AddressInfo).port}`
  })
  afterAll(() => new Promise<void>((resolve) => echo.close(() => resolve())))

  it('masks a key that a proxy echoes back, in the message and in the server text', async () => {
    const { core, api } = await freshCore()
    try {
      const error = await api['accounts.add']({
        alias: 'echo',
        baseUrl: echoUrl,
        apiKey: keys.demo.key,
      }).catch((caught: unknown) => caught)
      expect(error).toMatchObject({ code: 'AUTH_INVALID' })
      const text = JSON.stringify({ ...(error as object), message: (error as Error).message })
      expect(text).not.toContain(keys.demo.key)
      expect(text).toContain(`${keys.demo.key.slice(0, 4)}…${keys.demo.key.slice(-4)}`)
    } finally {
      await core.close()
    }
  })
})
