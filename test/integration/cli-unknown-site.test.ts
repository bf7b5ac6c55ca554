// An unknown site answers 401 from Plausible, exactly like a bad key (plausible-api.md §2; the sandbox
// answers the same). The CLI says both causes, points at `plausible sites list`, and names the sites this
// key can see when they are cached — in the running app, after the window or the CLI listed them.
import { existsSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openCore, type Core } from '../../src/core/core'
import { controlSocketPath } from '../../src/core/paths'
import { startSandbox, type RunningSandbox } from '../../src/core/sandbox'
import { serveControlSocket } from '../../src/core/transport/control-socket-server'
import { cliPath, runCli, tempConfigDir } from '../helpers/spawn-cli'

const serverSaid =
  "Invalid API key or site ID. Please make sure you're using a valid API key with access to the site you've requested."
const message = (site: string) =>
  `The server refused the request for ${site}: either the API key is refused, or this key cannot see site ${site} (Plausible answers both with 401). Server said: ${serverSaid}`
const hint = (site: string) =>
  `Run \`plausible sites list\` to see the sites this key can see: if it lists sites, check the spelling of ${site}; if it fails too, the key is refused (compare it with Settings → API Keys in Plausible).`

beforeAll(() => {
  if (!existsSync(cliPath)) throw new Error(`${cliPath} is missing: run \`npx electron-vite build\` first`)
})

describe('an unknown site, with the CLI on its own', () => {
  let sandbox: RunningSandbox
  let env: Record<string, string>
  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0 })
    env = {
      PLAUSIBLE_CONFIG_DIR: tempConfigDir(),
      PLAUSIBLE_BASE_URL: sandbox.baseUrl,
      PLAUSIBLE_API_KEY: sandbox.apiKey,
      PLAUSIBLE_NO_APP: '1',
    }
  })
  afterAll(() => sandbox.close())

  it('is answered 401 by the sandbox, as by Plausible', async () => {
    const response = await fetch(`${sandbox.baseUrl}/api/v2/query`, {
      method: 'POST',
      headers: { authorization: `Bearer ${sandbox.apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ site_id: 'nope.example.com', metrics: ['visitors'], date_range: '7d' }),
    })
    expect([response.status, await response.json()]).toEqual([401, { error: serverSaid }])
  })

  it('says both causes and suggests `plausible sites list`, exit 3', async () => {
    const result = await runCli(['stats', 'aggregate', '--site', 'nope.example.com'], env)
    expect([result.code, result.stdout]).toEqual([3, ''])
    expect(result.stderr).toBe(`error: ${message('nope.example.com')}\nhint: ${hint('nope.example.com')}\n`)
  })

  it('says the same in the JSON envelope, for realtime too', async () => {
    const result = await runCli(['stats', 'realtime', '--site', 'nope.example.com', '--json'], env)
    expect(result.code).toBe(3)
    expect(JSON.parse(result.stderr)).toEqual({
      error: {
        code: 'AUTH_INVALID',
        message: message('nope.example.com'),
        hint: hint('nope.example.com'),
        details: { status: 401, serverMessage: serverSaid },
      },
    })
  })
})

describe('an unknown site, through the running app', () => {
  let core: Core
  let server: Awaited<ReturnType<typeof serveControlSocket>>
  let env: Record<string, string>
  beforeAll(async () => {
    const configDir = tempConfigDir()
    // As the app serves it (src/main/control-socket.ts), with the Demo account of a fresh machine.
    core = await openCore({ configDir, env: {}, addDemoIfEmpty: true })
    server = await serveControlSocket({
      path: controlSocketPath(configDir),
      handlers: core.handlersFor('cli'),
    })
    env = { PLAUSIBLE_CONFIG_DIR: configDir }
  })
  afterAll(async () => {
    await server.close()
    await core.close()
  })

  it('names the sites this key can see once they were listed, and not before', async () => {
    const before = await runCli(['stats', 'aggregate', '--site', 'nope.example.com'], env)
    expect([before.code, before.stderr]).toEqual([
      3,
      `error: ${message('nope.example.com')}\nhint: ${hint('nope.example.com')}\n`,
    ])
    const listed = await runCli(['sites', 'list', '--json'], env)
    expect(listed.code, listed.stderr).toBe(0)
    const after = await runCli(['stats', 'aggregate', '--site', 'nope.example.com'], env)
    expect([after.code, after.stderr]).toEqual([
      3,
      `error: ${message('nope.example.com')}\nhint: ${hint('nope.example.com')} This key can see: shop.example.com, blog.example.org, docs.example.net.\n`,
    ])
  })
})
