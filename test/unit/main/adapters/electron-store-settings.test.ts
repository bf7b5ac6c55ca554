import { chmod, mkdir, mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { resetElectronFake } from '../../../helpers/electron-mock'
import { createConfSettingsStore } from '../../../../src/core/accounts/conf-settings-store'
import type { StoredConfig } from '../../../../src/core/ports'

// electron-store imports electron; vitest.config.mts inlines electron-store so this mock reaches it.
vi.mock('electron', async () => (await import('../../../helpers/electron-mock')).electronModule)
const { createElectronStoreSettings } = await import('../../../../src/main/adapters/electron-store-settings')

const config: StoredConfig = {
  accounts: [
    { alias: 'work', baseUrl: 'https://plausible.io', hourlyLimit: 600 },
    { alias: 'demo', baseUrl: 'builtin:sandbox', hourlyLimit: 600, isDemo: true },
  ],
  defaultAccount: 'work',
}
const clock = () => Date.parse('2026-11-22T13:20:00.000Z')
const asideName = 'config.json.corrupt-2026-11-22T13-20-00-000Z'

let configDir: string
let warnings: string[]

beforeEach(async () => {
  resetElectronFake()
  configDir = await mkdtemp(join(tmpdir(), 'plausible-estore-'))
  warnings = []
})

afterEach(() => rm(configDir, { recursive: true, force: true }))

function open() {
  return createElectronStoreSettings({ configDir, clock, onWarning: (message) => warnings.push(message) })
}

describe('createElectronStoreSettings', () => {
  it('reads an empty config when there is no file yet', () => {
    expect(open().read()).toEqual({ accounts: [], defaultAccount: null })
  })

  it('round-trips the config through config.json in the config dir', async () => {
    open().write(config)
    expect(open().read()).toEqual(config)
    expect(JSON.parse(await readFile(join(configDir, 'config.json'), 'utf8'))).toMatchObject(config)
  })

  it('keeps keys it does not own (preferences) when it writes', async () => {
    await writeFile(
      join(configDir, 'config.json'),
      JSON.stringify({ theme: 'dark', accounts: [], defaultAccount: null }),
    )
    open().write(config)
    expect(JSON.parse(await readFile(join(configDir, 'config.json'), 'utf8'))).toMatchObject({
      theme: 'dark',
    })
  })

  it('shares the file with the CLI: reads what the conf adapter wrote, and the other way round', () => {
    createConfSettingsStore(configDir).write(config)
    expect(open().read()).toEqual(config)
    open().write({ ...config, defaultAccount: 'demo' })
    expect(createConfSettingsStore(configDir).read().defaultAccount).toBe('demo')
  })

  it('moves a file that is not JSON aside (0600, whatever it had), reports it, and starts fresh', async () => {
    await writeFile(join(configDir, 'config.json'), '{"accounts": [', { mode: 0o644 })
    const settings = open()
    expect(settings.read()).toEqual({ accounts: [], defaultAccount: null })
    expect(await readFile(join(configDir, asideName), 'utf8')).toBe('{"accounts": [')
    expect((await stat(join(configDir, asideName))).mode & 0o777).toBe(0o600)
    expect(warnings).toEqual([
      `${join(configDir, 'config.json')} is not valid JSON; it was moved to ${join(configDir, asideName)} and a fresh config was started.`,
    ])
  })

  it('moves a file of the wrong shape aside rather than resetting it in place', async () => {
    await writeFile(join(configDir, 'config.json'), JSON.stringify({ accounts: 'work' }))
    expect(open().read()).toEqual({ accounts: [], defaultAccount: null })
    expect(JSON.parse(await readFile(join(configDir, asideName), 'utf8'))).toEqual({ accounts: 'work' })
    expect(warnings).toHaveLength(1)
  })

  it('moves the file aside when it is damaged while the app runs', async () => {
    const settings = open()
    settings.write(config)
    await writeFile(join(configDir, 'config.json'), 'garbage')
    expect(settings.read()).toEqual({ accounts: [], defaultAccount: null })
    expect((await readdir(configDir)).sort()).toEqual([asideName])
    expect(warnings).toHaveLength(1)
    settings.write(config)
    expect(settings.read()).toEqual(config)
  })

  it('refuses to write a config that does not match the schema', () => {
    const bad = { accounts: [{ alias: '', baseUrl: '', hourlyLimit: -1 }], defaultAccount: null }
    expect(() => open().write(bad)).toThrow()
  })
})

// The app (electron-store) and the CLI (conf) write the same config.json: private from the first write.
describe.each([
  ['the app’s electron-store', () => createElectronStoreSettings({ configDir, clock })],
  ['the CLI’s conf', () => createConfSettingsStore(configDir)],
])('config.json written by %s', (_, openStore) => {
  const modeOf = async (): Promise<number> => (await stat(join(configDir, 'config.json'))).mode & 0o777

  it.runIf(process.platform !== 'win32')('is 0600 from the first write', async () => {
    openStore().write(config)
    expect(await modeOf()).toBe(0o600)
  })

  it.runIf(process.platform !== 'win32')(
    'is made 0600 on the next write when an older version left it 0644',
    async () => {
      await writeFile(join(configDir, 'config.json'), JSON.stringify(config), { mode: 0o644 })
      await chmod(join(configDir, 'config.json'), 0o644)
      openStore().write(config)
      expect(await modeOf()).toBe(0o600)
    },
  )

  it('names config.json and what to do when it cannot be written, instead of failing inside', async () => {
    const store = openStore()
    // A folder where config.json should be: the write fails with an errno, as a full disk would.
    await mkdir(join(configDir, 'config.json'))
    expect(() => store.write(config)).toThrow(
      expect.objectContaining({
        code: 'CONFIG_DIR',
        message: expect.stringMatching(
          new RegExp(
            `^config\\.json \\(the accounts and settings\\) in the config folder ${configDir} cannot be (written|read): `,
          ),
        ),
      }),
    )
  })
})
