// Acceptance: an import of 1,000 events killed with kill -9 halfway and started again delivers every
// event to the sandbox exactly once. The proxy lets 500 events through and holds the next ones back,
// so the kill lands with 500 events acknowledged and others sent but unanswered — the at-least-once
// case: those were never received, are still journaled, and go out after the restart.
import { spawn } from 'node:child_process'
import { existsSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { startSandbox, type RunningSandbox } from '../../src/core/sandbox'
import { cliEnv, cliPath, runCli, tempConfigDir } from '../helpers/spawn-cli'
import { startCountingProxy, type CountingProxy } from './budget-support'

const browser =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36'

let sandbox: RunningSandbox
let proxy: CountingProxy

beforeAll(async () => {
  if (!existsSync(cliPath)) throw new Error(`${cliPath} is missing: run \`npm run build\` first`)
  sandbox = await startSandbox()
  proxy = await startCountingProxy(sandbox.baseUrl)
})

afterAll(async () => {
  await proxy.close()
  await sandbox.close()
})

it('delivers each of 1,000 imported events exactly once across a kill -9 halfway and a restart', async () => {
  const domain = sandbox.sites[0]!.domain
  const configDir = tempConfigDir()
  const file = join(configDir, 'events.ndjson')
  writeFileSync(
    file,
    Array.from({ length: 1000 }, (_, index) =>
      JSON.stringify({ name: 'pageview', url: `https://${domain}/import/${index}`, domain }),
    ).join('\n'),
  )
  const env = {
    PLAUSIBLE_CONFIG_DIR: configDir,
    PLAUSIBLE_BASE_URL: proxy.url,
    PLAUSIBLE_API_KEY: sandbox.apiKey,
    PLAUSIBLE_NO_APP: '1',
  }
  // --log json: each delivery is a log line on stderr; stdout keeps the one summary document.
  const args = ['events', 'import', file, '--json', '--log', 'json', '--user-agent', browser]
  proxy.setGate('/api/event', 500)

  const first = spawn(process.execPath, [cliPath, ...args], {
    env: cliEnv(env),
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const exited = new Promise<NodeJS.Signals | null>((resolve) =>
    first.once('exit', (_code, signal) => resolve(signal)),
  )
  let succeeded = 0
  await new Promise<void>((resolve) => {
    createInterface({ input: first.stderr! }).on('line', (line) => {
      const entry = JSON.parse(line) as { event?: string }
      if (entry.event === 'queue.succeeded' && ++succeeded === 500) resolve()
    })
  })
  first.kill('SIGKILL')
  expect(await exited).toBe('SIGKILL')
  expect(sandbox.events().received).toBe(500)

  proxy.setGate('/api/event', null)
  const again = await runCli(args, env)
  expect(again.code, again.stderr).toBe(0)
  const summary = JSON.parse(again.stdout) as Record<string, unknown>
  expect(summary).toMatchObject({ events: 1000, alreadyDelivered: 500, delivered: 500, failed: 0 })

  expect(sandbox.events()).toMatchObject({ received: 1000, accepted: 1000, rejected: 0 })
  const paths = sandbox.acceptedEvents().map((event) => event.pathname)
  expect(new Set(paths).size).toBe(1000)
  expect(paths.filter((path) => !path.startsWith('/import/'))).toEqual([])
})
