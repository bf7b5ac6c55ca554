import { existsSync } from 'node:fs'
import { mkdtemp, readdir, rename, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createConfSettingsStore } from '../../../../src/core/accounts/conf-settings-store'

let configDir: string
let warnings: string[]

beforeEach(async () => {
  configDir = await mkdtemp(join(tmpdir(), 'plausible-conf-store-'))
  warnings = []
})

afterEach(async () => {
  await rm(configDir, { recursive: true, force: true })
})

const account = { alias: 'work', baseUrl: 'https://plausible.io', hourlyLimit: 600 }

async function openWith(text: string): Promise<ReturnType<typeof createConfSettingsStore>> {
  await writeFile(join(configDir, 'config.json'), text)
  return createConfSettingsStore(configDir, (message) => warnings.push(message))
}

const setAside = async (): Promise<string[]> =>
  (await readdir(configDir)).filter((name) => name.startsWith('config.json.corrupt-'))

describe('createConfSettingsStore: what config.json it keeps and what it moves aside', () => {
  it('keeps a file with a key missing (written before the key existed): the key reads as empty', async () => {
    const store = await openWith(JSON.stringify({ accounts: [account] }))
    expect(store.read()).toEqual({ accounts: [account], defaultAccount: null })
    expect(await openWith(JSON.stringify({}))).toBeDefined()
    expect([warnings, await setAside()]).toEqual([[], []])
  })

  it('keeps keys it does not know, and starts empty with no file', async () => {
    const store = await openWith(JSON.stringify({ accounts: [], defaultAccount: null, theme: 'dark' }))
    expect(store.read()).toEqual({ accounts: [], defaultAccount: null })
    await rm(join(configDir, 'config.json'))
    expect(createConfSettingsStore(configDir).read()).toEqual({ accounts: [], defaultAccount: null })
    expect(warnings).toEqual([])
  })

  it.each([
    ['an array', '[]'],
    ['a number', '42'],
    ['null', 'null'],
    ['accounts that are null', JSON.stringify({ accounts: null })],
    ['an account with an alias it refuses', JSON.stringify({ accounts: [{ ...account, alias: '-x' }] })],
    ['an account with an hourly limit of 0', JSON.stringify({ accounts: [{ ...account, hourlyLimit: 0 }] })],
    ['a default account that is a number', JSON.stringify({ defaultAccount: 1 })],
  ])('moves aside %s and says where', async (_what, text) => {
    const store = await openWith(text)
    expect(store.read()).toEqual({ accounts: [], defaultAccount: null })
    const [aside] = await setAside()
    expect(aside).toBeDefined()
    expect(existsSync(join(configDir, 'config.json'))).toBe(false)
    expect(warnings).toEqual([
      `${join(configDir, 'config.json')} was unreadable; it was moved to ${join(configDir, aside!)} and a fresh config was started.`,
    ])
  })

  it('keeps an hourly limit of 1, the smallest it takes', async () => {
    const store = await openWith(JSON.stringify({ accounts: [{ ...account, hourlyLimit: 1 }] }))
    expect(store.read().accounts[0]?.hourlyLimit).toBe(1)
    expect(await setAside()).toEqual([])
  })
})

describe('createConfSettingsStore: reading the same file again', () => {
  it('reads the file again once another process replaced or changed it, and hands out copies', async () => {
    const store = await openWith(JSON.stringify({ accounts: [account] }))
    const first = store.read()
    first.accounts.push({ ...account, alias: 'changed-by-a-caller' })
    expect(store.read()).toEqual({ accounts: [account], defaultAccount: null })

    // Another process writes as conf does: a new file renamed over the old one.
    const other = { ...account, alias: 'other' }
    await writeFile(join(configDir, 'config.json.tmp'), JSON.stringify({ accounts: [other] }))
    await rename(join(configDir, 'config.json.tmp'), join(configDir, 'config.json'))
    expect(store.read().accounts.map(({ alias }) => alias)).toEqual(['other'])

    // …or in place, one byte longer.
    await writeFile(
      join(configDir, 'config.json'),
      JSON.stringify({ accounts: [other], defaultAccount: 'other' }),
    )
    expect(store.read().defaultAccount).toBe('other')

    await rm(join(configDir, 'config.json'))
    expect(store.read()).toEqual({ accounts: [], defaultAccount: null })
  })

  it('shares one frozen view while the file is unchanged, and a new one once it changed', async () => {
    const store = await openWith(JSON.stringify({ accounts: [account] }))
    const view = store.view!()
    expect(store.view!()).toBe(view)
    expect(view).toEqual(store.read())
    expect(() => (view.accounts as unknown[]).push(account)).toThrow(TypeError)
    expect(() => Object.assign(view.accounts[0]!, { alias: 'changed' })).toThrow(TypeError)
    await writeFile(join(configDir, 'config.json'), JSON.stringify({ accounts: [], defaultAccount: null }))
    const changed = store.view!()
    expect(changed).not.toBe(view)
    expect(changed).toEqual({ accounts: [], defaultAccount: null })
    // A copy from read() is the caller's own.
    store.read().accounts.push(account)
    expect(store.view!()).toBe(changed)
  })

  it('reads what this process wrote', async () => {
    const store = await openWith(JSON.stringify({ accounts: [] }))
    expect(store.read().accounts).toEqual([])
    store.write({ accounts: [account], defaultAccount: 'work' })
    expect(store.read()).toEqual({ accounts: [account], defaultAccount: 'work' })
  })
})
