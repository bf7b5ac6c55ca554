import { describe, expect, it } from 'vitest'
import { createAccountDirectory } from '../../../../src/core/accounts/account-directory'
import type { SecretStore } from '../../../../src/core/ports'
import { memorySettings } from '../../../helpers/memory-settings'

const key = 'k3yAbcdefghijklmnopqrstuvwxyz0123456789'
const secrets = (entries: Record<string, string>): SecretStore => ({
  kind: 'keychain',
  get: async (alias) => entries[alias] ?? null,
  set: async () => {},
  delete: async () => false,
})
const settings = () =>
  memorySettings({
    accounts: [
      { alias: 'demo', baseUrl: 'builtin:sandbox', hourlyLimit: 600, isDemo: true },
      { alias: 'work', baseUrl: 'https://plausible.io', hourlyLimit: 600 },
      { alias: 'self', baseUrl: 'https://stats.example.net', hourlyLimit: 1_000_000 },
    ],
    defaultAccount: 'work',
  })

describe('account directory', () => {
  it('resolves the default account with its key from the secret store', async () => {
    const directory = createAccountDirectory({
      settings: settings(),
      secrets: secrets({ work: key }),
      overrides: {},
    })
    expect(await directory.resolve()).toEqual({
      alias: 'work',
      baseUrl: 'https://plausible.io',
      hourlyLimit: 600,
      isDemo: false,
      apiKey: key,
      keySource: 'keychain',
      allowInsecureHttp: false,
    })
  })

  it('lets PLAUSIBLE_API_KEY and PLAUSIBLE_BASE_URL stand in for one run as the "env" account', async () => {
    const directory = createAccountDirectory({
      settings: settings(),
      overrides: { apiKey: key, baseUrl: 'http://127.0.0.1:9999' },
    })
    const account = await directory.resolve()
    expect(account).toMatchObject({
      alias: 'env',
      baseUrl: 'http://127.0.0.1:9999',
      apiKey: key,
      keySource: 'env',
    })
  })

  it('overrides the key of the account PLAUSIBLE_ACCOUNT names, keeping its server', async () => {
    const directory = createAccountDirectory({
      settings: settings(),
      secrets: secrets({ self: 'old-key-000000000000' }),
      overrides: { account: 'self', apiKey: key },
    })
    expect(await directory.resolve()).toMatchObject({
      alias: 'self',
      baseUrl: 'https://stats.example.net',
      apiKey: key,
      keySource: 'env',
      hourlyLimit: 1_000_000,
    })
  })

  it('never gives the Demo account an override key', async () => {
    const directory = createAccountDirectory({
      settings: settings(),
      overrides: { apiKey: key, account: 'demo' },
    })
    expect(await directory.resolve('demo')).toMatchObject({
      alias: 'demo',
      isDemo: true,
      apiKey: null,
      keySource: 'demo',
    })
  })

  it('marks the Demo account with a server named for the run, which it cannot serve', async () => {
    const directory = createAccountDirectory({
      settings: settings(),
      overrides: { baseUrl: 'https://plausible.example' },
    })
    expect(await directory.resolve('demo')).toEqual({
      alias: 'demo',
      baseUrl: 'builtin:sandbox',
      hourlyLimit: 600,
      isDemo: true,
      apiKey: null,
      keySource: 'demo',
      allowInsecureHttp: false,
      ignoredBaseUrl: 'https://plausible.example',
    })
  })

  it('leaves the Demo account alone when the server was named for another account', async () => {
    const directory = createAccountDirectory({
      settings: settings(),
      overrides: { baseUrl: 'https://plausible.example', account: 'work' },
    })
    const demo = await directory.resolve('demo')
    expect(demo.ignoredBaseUrl).toBeUndefined()
    expect((await directory.resolve('work')).baseUrl).toBe('https://plausible.example')
  })

  it('names the known aliases when asked for an unknown one', async () => {
    const directory = createAccountDirectory({ settings: settings(), overrides: {} })
    await expect(directory.resolve('nope')).rejects.toMatchObject({
      code: 'ACCOUNT_NOT_FOUND',
      hint: 'Known accounts: demo, work, self.',
    })
  })

  it('says how to start when nothing is configured', async () => {
    const directory = createAccountDirectory({ settings: memorySettings(), overrides: {} })
    await expect(directory.resolve()).rejects.toMatchObject({ code: 'NO_ACCOUNT' })
  })

  it('lists accounts with masked keys and the source of each', async () => {
    const directory = createAccountDirectory({
      settings: settings(),
      secrets: secrets({ work: key }),
      overrides: {},
    })
    const list = await directory.list()
    expect(list.map((a) => [a.alias, a.isDefault, a.keySource, a.maskedKey])).toEqual([
      ['demo', false, 'demo', null],
      ['work', true, 'keychain', 'k3yA…6789'],
      ['self', false, 'none', null],
    ])
    expect(JSON.stringify(list)).not.toContain(key)
  })

  describe('consent to send the key over plain http', () => {
    const lan = { alias: 'lan', baseUrl: 'http://192.168.1.20:8000', hourlyLimit: 600 }
    const open = (stored: object, overrides = {}) =>
      createAccountDirectory({
        settings: memorySettings({ accounts: [{ ...lan, ...stored }], defaultAccount: 'lan' }),
        secrets: secrets({ lan: key }),
        overrides,
      })

    it('is the stored account’s, for its own URL (however it is spelled for the run)', async () => {
      expect((await open({ allowInsecureHttp: true }).resolve('lan')).allowInsecureHttp).toBe(true)
      expect((await open({}).resolve('lan')).allowInsecureHttp).toBe(false)
      const sameServer = await open(
        { allowInsecureHttp: true },
        { baseUrl: 'HTTP://192.168.1.20:8000/' },
      ).resolve()
      expect(sameServer).toMatchObject({ allowInsecureHttp: true, isBaseUrlForRun: true })
    })

    it('does not follow the account to another server named for the run', async () => {
      const other = await open({ allowInsecureHttp: true }, { baseUrl: 'http://192.168.1.30' }).resolve('lan')
      expect(other).toMatchObject({
        baseUrl: 'http://192.168.1.30',
        allowInsecureHttp: false,
        isBaseUrlForRun: true,
      })
    })

    it('is given for every account of one run by PLAUSIBLE_ALLOW_INSECURE_HTTP', async () => {
      const run = { allowInsecureHttp: true }
      expect((await open({}, run).resolve('lan')).allowInsecureHttp).toBe(true)
      const env = createAccountDirectory({
        settings: memorySettings(),
        overrides: { apiKey: key, baseUrl: 'http://192.168.1.30', ...run },
      })
      expect(await env.resolve()).toMatchObject({
        alias: 'env',
        allowInsecureHttp: true,
        isBaseUrlForRun: true,
      })
    })
  })
})
