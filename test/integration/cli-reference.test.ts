// The reference commands spawned as a user or an agent runs them: completion scripts, curated examples,
// llms.txt and llms-full.txt (and the worked questions run as written), help, their bad inputs, and a
// reader that closes the pipe early (`| head`).
import { spawn } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { workedQuestions } from '../../src/cli/reference/worked-questions'
import { plausibleOnPath, runShell } from '../helpers/shell-cli'
import { cliEnv, cliPath, runCli, tempConfigDir } from '../helpers/spawn-cli'

const root = resolve(__dirname, '../..')
const isInLlmsTxt = (line: string): boolean =>
  readFileSync(resolve(root, 'llms.txt'), 'utf8').includes(`\n${line}\n`)

let env: Record<string, string>

beforeAll(() => {
  if (!existsSync(cliPath)) throw new Error(`${cliPath} is missing: run \`npx electron-vite build\` first`)
  env = { PLAUSIBLE_CONFIG_DIR: tempConfigDir(), PLAUSIBLE_NO_APP: '1' }
})

const firstLine = (text: string): string => text.split('\n')[0] ?? ''

describe('plausible completion', () => {
  it.each(['bash', 'zsh', 'fish'])('prints a %s script that names the commands', async (shell) => {
    const result = await runCli(['completion', shell], env)
    expect(result.code, result.stderr).toBe(0)
    for (const command of ['stats', 'sites', 'events', 'queue', 'accounts'])
      expect(result.stdout).toContain(command)
  })

  it('exits 2 with one line naming the shells for an unknown or a missing shell', async () => {
    const unknown = await runCli(['completion', 'powershell'], env)
    expect([unknown.code, firstLine(unknown.stderr)]).toEqual([
      2,
      "error: command-argument value 'powershell' is invalid for argument 'shell'. Allowed choices are bash, zsh, fish.",
    ])
    const missing = await runCli(['completion'], env)
    expect([missing.code, firstLine(missing.stderr)]).toEqual([2, "error: missing required argument 'shell'"])
  })
})

describe('plausible help --examples and prompt examples', () => {
  it('prints the curated examples', async () => {
    const examples = await runCli(['help', '--examples'], env)
    expect(examples.code, examples.stderr).toBe(0)
    expect(examples.stdout).toContain('plausible stats aggregate --site example.com --period 7d')
  })

  it('prints llms.txt with --llm and llms-full.txt with --llm --full (or --full alone), as committed', async () => {
    const short = await runCli(['prompt', 'examples', '--llm'], env)
    expect([short.code, short.stderr]).toEqual([0, ''])
    expect(short.stdout).toBe(readFileSync(resolve(root, 'llms.txt'), 'utf8'))
    expect(Buffer.byteLength(short.stdout)).toBeLessThanOrEqual(8192)
    const full = await runCli(['prompt', 'examples', '--llm', '--full'], env)
    expect([full.code, full.stderr]).toEqual([0, ''])
    expect(full.stdout).toBe(readFileSync(resolve(root, 'llms-full.txt'), 'utf8'))
    expect(Buffer.byteLength(full.stdout)).toBeGreaterThan(8192)
    const fullAlone = await runCli(['prompt', 'examples', '--full'], env)
    expect(fullAlone.stdout).toBe(full.stdout)
  })

  it('answers each worked question of llms.txt on the Demo account, as written', async () => {
    const bin = plausibleOnPath()
    const cwd = tempConfigDir()
    for (const worked of workedQuestions) {
      for (const line of worked.commands) {
        expect(isInLlmsTxt(line), `llms.txt shows ${line}`).toBe(true)
        const result = await runShell(line, { bin, cwd, env })
        expect([line, result.code, result.stderr]).toEqual([line, 0, ''])
        expect(() => JSON.parse(result.stdout) as unknown, line).not.toThrow()
      }
    }
  })

  it("prints a command's examples with plausible help <command>, as --help does", async () => {
    const viaHelp = await runCli(['help', 'stats', 'aggregate'], env)
    const viaFlag = await runCli(['stats', 'aggregate', '--help'], env)
    expect(viaHelp.code).toBe(0)
    expect(viaHelp.stdout).toContain(
      '\nExamples:\n  plausible stats aggregate --site example.com --period 7d\n',
    )
    expect(viaHelp.stdout).toBe(viaFlag.stdout)
  })

  it('lists the metrics and dimensions, and which go together, under plausible stats --help', async () => {
    const help = await runCli(['stats', '--help'], env)
    expect(help.code).toBe(0)
    expect(help.stdout).toContain('\nMetrics, dimensions and which go together:\n')
    expect(help.stdout).toContain(
      '  - conversion_rate, group_conversion_rate: need an event:goal filter or dimension.\n',
    )
    expect(help.stdout).toContain('visit:source, channel, referrer, utm_medium')
  })

  it('exits 2 for an unknown subcommand', async () => {
    const result = await runCli(['prompt', 'nonsense'], env)
    expect([result.code, firstLine(result.stderr)]).toEqual([2, "error: unknown command 'nonsense'"])
  })

  it('stops quietly when the reader closes the pipe early, as `| head -1` does', async () => {
    const child = spawn(process.execPath, [cliPath, 'prompt', 'examples', '--llm', '--full'], {
      env: cliEnv(env),
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let stderr = ''
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    // Our end closes before the CLI has written: its writes meet EPIPE, as when `head` has exited.
    child.stdout.destroy()
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve))
    expect(stderr).toBe('')
    expect(code).toBe(0)
  })
})
