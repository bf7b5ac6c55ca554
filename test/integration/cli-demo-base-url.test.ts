// A server named for the run (--base-url, PLAUSIBLE_BASE_URL) with no key is never answered by the Demo
// sandbox: before, `--dry-run` showed the request going to 127.0.0.1 and made-up numbers came back, exit 0.
import { existsSync } from 'node:fs'
import { beforeAll, describe, expect, it } from 'vitest'
import { cliPath, runCli, tempConfigDir } from '../helpers/spawn-cli'

beforeAll(() => {
  if (!existsSync(cliPath)) throw new Error(`${cliPath} is missing: run \`npm run build\` first`)
})

const server = 'https://plausible.example'
const aggregate = ['stats', 'aggregate', '--site', 'shop.example.com']
const refusal =
  `error: No API key for ${server} (named with --base-url or PLAUSIBLE_BASE_URL); the Demo account answers only from its built-in sandbox, so nothing was sent.\n` +
  `hint: Add an account for that server with \`plausible accounts add <alias> --base-url ${server}\`, or set PLAUSIBLE_API_KEY for this run.\n`

describe('a server named for the run, on a machine with only the Demo account', () => {
  const env = { PLAUSIBLE_CONFIG_DIR: tempConfigDir(), PLAUSIBLE_NO_APP: '1' }

  it('refuses --base-url without a key with exit 3 and the way to add one, --dry-run included', async () => {
    for (const extra of [[], ['--dry-run']]) {
      const result = await runCli([...aggregate, '--base-url', server, ...extra], env)
      expect({ code: result.code, stdout: result.stdout, stderr: result.stderr }).toEqual({
        code: 3,
        stdout: '',
        stderr: refusal,
      })
    }
  })

  it('refuses PLAUSIBLE_BASE_URL without a key the same way, also for --account demo', async () => {
    const result = await runCli([...aggregate, '--account', 'demo'], { ...env, PLAUSIBLE_BASE_URL: server })
    expect({ code: result.code, stdout: result.stdout, stderr: result.stderr }).toEqual({
      code: 3,
      stdout: '',
      stderr: refusal,
    })
  })

  it('sends to the named server once a key is given', async () => {
    const result = await runCli([...aggregate, '--base-url', server, '--dry-run', '--json'], {
      ...env,
      PLAUSIBLE_API_KEY: 'real-key-0123456789abcdefghijklmnopqrstuv',
    })
    expect(result.code).toBe(0)
    expect(JSON.parse(result.stdout).request.url).toBe(`${server}/api/v2/query`)
  })

  it('still answers from the Demo sandbox when no server is named', async () => {
    const result = await runCli([...aggregate, '--dry-run', '--json'], env)
    expect(result.code).toBe(0)
    expect(JSON.parse(result.stdout).request.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/v2\/query$/)
  })

  it('sends an event to the named server (the Events API takes no key), not to the sandbox', async () => {
    const data = JSON.stringify({ name: 'pageview', url: 'https://shop.example.com/' })
    const named = await runCli(
      ['events', 'send', '--data', data, '--base-url', server, '--dry-run', '--json'],
      env,
    )
    expect(named.code).toBe(0)
    expect(JSON.parse(named.stdout).request.url).toBe(`${server}/api/event`)
  })
})
