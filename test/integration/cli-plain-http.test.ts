// Keys stay off clear text, spawned: a base URL that is plain http to another machine is refused (exit 2,
// INSECURE_HTTP, nothing sent: not even a connection) unless the user consents — `accounts add
// --allow-insecure-http` (kept with the account), `accounts allow-insecure-http <alias>` for an account an
// earlier version stored, PLAUSIBLE_ALLOW_INSECURE_HTTP=1 for a server named for one run. The sandbox,
// reached through this machine's network address, stands for a self-hosted server without https.
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { startSandbox, type RunningSandbox } from '../../src/core/sandbox'
import { networkAddress, relayOnNetwork, type NetworkRelay } from '../helpers/network-relay'
import { cliPath, runCli, tempConfigDir } from '../helpers/spawn-cli'

let sandbox: RunningSandbox
let relay: NetworkRelay
let lan: string
let configDir: string
let env: Record<string, string>
const aggregate = ['stats', 'aggregate', '--site', 'shop.example.com', '--json']

beforeAll(async () => {
  if (!existsSync(cliPath)) throw new Error(`${cliPath} is missing: run \`npx electron-vite build\` first`)
  sandbox = await startSandbox({ port: 0 })
  if (networkAddress) relay = await relayOnNetwork(sandbox.baseUrl, networkAddress)
  lan = relay?.baseUrl ?? ''
})
afterAll(async () => {
  await relay?.close()
  await sandbox.close()
})
beforeEach(() => {
  configDir = tempConfigDir()
  env = { PLAUSIBLE_CONFIG_DIR: configDir, PLAUSIBLE_SECRET_STORE: 'file', PLAUSIBLE_NO_APP: '1' }
})

const storedAccounts = (): Array<Record<string, unknown>> =>
  (
    JSON.parse(readFileSync(join(configDir, 'config.json'), 'utf8')) as {
      accounts: Array<Record<string, unknown>>
    }
  ).accounts
const addLan = (...flags: string[]) =>
  runCli(['accounts', 'add', 'lan', '--base-url', lan, '--key-stdin', ...flags], env, sandbox.apiKey)
const clear = 'plain http: anyone on the network between here and the server can read the key'

describe.runIf(networkAddress !== undefined)('a plain http server on the network', () => {
  it('is refused by accounts add before the key is read or sent, naming the flag', async () => {
    const before = relay.connections()
    const result = await addLan()
    expect(result.code).toBe(2)
    expect(result.stderr).toBe(
      `error: ${lan} is ${clear}. Nothing was sent and "lan" was not added.\n` +
        "hint: Use the server's https:// address; if it has none, add the account with --allow-insecure-http (in the window, tick the box that says so).\n",
    )
    expect(relay.connections()).toBe(before)
    expect(storedAccounts().map((account) => account.alias)).toEqual(['demo'])
  })

  it('answers --json with the INSECURE_HTTP envelope', async () => {
    const result = await addLan('--json')
    expect(result.code).toBe(2)
    expect(JSON.parse(result.stderr)).toMatchObject({ error: { code: 'INSECURE_HTTP' } })
  })

  it('is added with --allow-insecure-http, keeps the consent, and reads work on later runs', async () => {
    const added = await addLan('--allow-insecure-http', '--json')
    expect(added.code, added.stderr).toBe(0)
    expect(JSON.parse(added.stdout)).toMatchObject({
      account: { alias: 'lan', allowInsecureHttp: true },
      verified: true,
    })
    expect(storedAccounts().find((account) => account.alias === 'lan')).toEqual({
      alias: 'lan',
      baseUrl: lan,
      hourlyLimit: 600,
      allowInsecureHttp: true,
    })
    const read = await runCli([...aggregate, '--account', 'lan'], env)
    expect(read.code, read.stderr).toBe(0)
    // The same server named for the run keeps the account's consent.
    const named = await runCli([...aggregate, '--account', 'lan', '--base-url', `${lan}/`], env)
    expect(named.code, named.stderr).toBe(0)
  })

  it('stored without consent by an earlier version: refused, with the command that consents, until it is run', async () => {
    expect((await addLan('--allow-insecure-http')).code).toBe(0)
    const config = JSON.parse(readFileSync(join(configDir, 'config.json'), 'utf8')) as {
      accounts: Array<Record<string, unknown>>
    }
    for (const account of config.accounts) delete account.allowInsecureHttp
    writeFileSync(join(configDir, 'config.json'), JSON.stringify(config))
    const before = relay.connections()

    const refused = await runCli([...aggregate.slice(0, -1), '--account', 'lan'], env)
    expect(refused.code).toBe(2)
    expect(refused.stderr).toBe(
      `error: Account "lan" would send its key to ${lan} over ${clear}. Nothing was sent.\n` +
        'hint: If the server has no https address, consent with `plausible accounts allow-insecure-http lan` (or PLAUSIBLE_ALLOW_INSECURE_HTTP=1 for one run); else remove the account and add it again with its https:// address.\n',
    )
    expect(relay.connections()).toBe(before)

    const oneRun = await runCli([...aggregate, '--account', 'lan'], {
      ...env,
      PLAUSIBLE_ALLOW_INSECURE_HTTP: '1',
    })
    expect(oneRun.code, oneRun.stderr).toBe(0)

    const consent = await runCli(['accounts', 'allow-insecure-http', 'lan'], env)
    expect(consent.code, consent.stderr).toBe(0)
    expect(consent.stdout).toBe(`"lan" may send its key to ${lan} over plain http.\n`)
    expect((await runCli([...aggregate, '--account', 'lan'], env)).code).toBe(0)

    const revoke = await runCli(['accounts', 'allow-insecure-http', 'lan', '--revoke'], env)
    expect(revoke.stdout).toBe(
      `"lan" sends its key to ${lan} only where it cannot be read on the way (https or this machine).\n`,
    )
    expect((await runCli([...aggregate, '--account', 'lan'], env)).code).toBe(2)
  })

  it('named for one run with a key: refused, unless PLAUSIBLE_ALLOW_INSECURE_HTTP=1', async () => {
    const oneRun = { ...env, PLAUSIBLE_BASE_URL: lan, PLAUSIBLE_API_KEY: sandbox.apiKey }
    const before = relay.connections()
    const refused = await runCli(aggregate.slice(0, -1), oneRun)
    expect(refused.code).toBe(2)
    expect(refused.stderr).toBe(
      `error: The server named for this run, ${lan}, is ${clear}. Nothing was sent.\n` +
        'hint: Name its https:// address, or set PLAUSIBLE_ALLOW_INSECURE_HTTP=1 for this run if it has none.\n',
    )
    expect(relay.connections()).toBe(before)
    const allowed = await runCli(aggregate, { ...oneRun, PLAUSIBLE_ALLOW_INSECURE_HTTP: '1' })
    expect(allowed.code, allowed.stderr).toBe(0)
  })
})

describe('this machine over plain http', () => {
  it('needs no consent: the sandbox on 127.0.0.1', async () => {
    const added = await runCli(
      ['accounts', 'add', 'local', '--base-url', sandbox.baseUrl, '--key-stdin', '--json'],
      env,
      sandbox.apiKey,
    )
    expect(added.code, added.stderr).toBe(0)
    expect(JSON.parse(added.stdout).account).not.toHaveProperty('allowInsecureHttp')
    expect((await runCli([...aggregate, '--account', 'local'], env)).code).toBe(0)
  })
})
