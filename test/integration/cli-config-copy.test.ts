// A config.json that could not be read is set aside, not lost: `plausible doctor` names the copy on every
// run with the command that restores its accounts, and that command, run as doctor writes it, brings them
// back; a key the machine still holds under the alias works at once.
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startSandbox, type RunningSandbox } from '../../src/core/sandbox'
import { cliPath, runCli, tempConfigDir } from '../helpers/spawn-cli'

let sandbox: RunningSandbox

beforeAll(async () => {
  if (!existsSync(cliPath)) throw new Error(`${cliPath} is missing: run \`npx electron-vite build\` first`)
  sandbox = await startSandbox({ port: 0 })
})
afterAll(() => sandbox.close())

interface Check {
  check: string
  hint: string | null
}

describe('a config.json set aside', () => {
  it('is restored by the command doctor names, keys found under their aliases', async () => {
    const configDir = tempConfigDir()
    const env = { PLAUSIBLE_CONFIG_DIR: configDir, PLAUSIBLE_SECRET_STORE: 'file', PLAUSIBLE_NO_APP: '1' }
    // One entry a hand edit broke: the file no longer matches the schema, so the store sets it aside.
    writeFileSync(
      join(configDir, 'config.json'),
      JSON.stringify({
        accounts: [
          { alias: 'work', baseUrl: sandbox.baseUrl, hourlyLimit: 500 },
          { alias: 'client-a', baseUrl: 'https://stats.example.com', hourlyLimit: 300 },
          { alias: 'not an alias', baseUrl: 'https://plausible.io', hourlyLimit: 600 },
        ],
        defaultAccount: 'work',
      }),
    )
    mkdirSync(join(configDir, 'secrets'), { mode: 0o700 })
    writeFileSync(join(configDir, 'secrets', 'work.key'), sandbox.apiKey, { mode: 0o600 })
    await runCli(['doctor', '--json'], env)
    const doctor = await runCli(['doctor', '--json'], env)
    const hint = (JSON.parse(doctor.stdout) as { checks: Check[] }).checks.find(
      (check) => check.check === 'config-copy',
    )?.hint
    const command = /`plausible (accounts import) "([^"]+)"`/.exec(hint ?? '')
    expect(command, hint ?? 'no config-copy check').not.toBeNull()
    const [, words = '', copy = ''] = command ?? []
    expect(readdirSync(configDir)).toContain(copy.slice(configDir.length + 1))

    const restored = await runCli([...words.split(' '), copy, '--json'], env)
    expect(restored.code, restored.stderr).toBe(8)
    const result = JSON.parse(restored.stdout) as {
      added: Array<{ alias: string; hourlyLimit: number; keySource: string }>
      kept: unknown[]
      skipped: Array<{ entry: string }>
      defaultAccount: string | null
    }
    expect(result.added.map(({ alias, hourlyLimit, keySource }) => [alias, hourlyLimit, keySource])).toEqual([
      ['work', 500, 'file'],
      ['client-a', 300, 'none'],
    ])
    expect(result.skipped.map((entry) => entry.entry)).toEqual(['not an alias'])
    expect([result.kept, result.defaultAccount]).toEqual([[], 'work'])
    // The restored account works with the key this machine kept.
    const sites = await runCli(['sites', 'list', '--json'], env)
    expect(sites.code, sites.stderr).toBe(0)

    const again = await runCli(['accounts', 'import', copy], env)
    expect(again.stdout).toBe(
      [
        `No account added from ${copy}.`,
        'Kept out work: already configured here; kept as it is.',
        'Kept out client-a: already configured here; kept as it is.',
        'Skipped not an alias: alias: An alias is 1–40 letters, digits, - or _, starting with a letter or digit.',
        'Default account: work.',
        '',
      ].join('\n'),
    )
  })

  it('is named with its errno when the file to import does not exist (exit 2)', async () => {
    const env = {
      PLAUSIBLE_CONFIG_DIR: tempConfigDir(),
      PLAUSIBLE_SECRET_STORE: 'file',
      PLAUSIBLE_NO_APP: '1',
    }
    const result = await runCli(['accounts', 'import', '/nonexistent/accounts.json'], env)
    expect([result.code, result.stderr.split('\n')[0]]).toEqual([
      2,
      'error: Could not read /nonexistent/accounts.json (ENOENT).',
    ])
    expect(result.stderr).toContain(
      'Give the path of a file written by `plausible accounts export`, or of a config.json.',
    )
  })
})
