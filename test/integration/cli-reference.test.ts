// The reference commands spawned as a user or an agent runs them: completion scripts, curated examples,
// the llms-full.txt reference, their bad inputs, and a reader that closes the pipe early (`| head`).
import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { beforeAll, describe, expect, it } from 'vitest'
import { cliEnv, cliPath, runCli, tempConfigDir } from '../helpers/spawn-cli'

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
  it('prints the curated examples and the whole reference for agents', async () => {
    const examples = await runCli(['help', '--examples'], env)
    expect(examples.code, examples.stderr).toBe(0)
    expect(examples.stdout).toContain('plausible stats aggregate --site example.com --period 7d')
    const llms = await runCli(['prompt', 'examples', '--llm'], env)
    expect(llms.code, llms.stderr).toBe(0)
    expect(firstLine(llms.stdout)).toBe('# plausible — the Plausible Desktop command-line tool')
    expect(llms.stdout).toContain('plausible events import')
  })

  it('exits 2 for an unknown subcommand', async () => {
    const result = await runCli(['prompt', 'nonsense'], env)
    expect([result.code, firstLine(result.stderr)]).toEqual([2, "error: unknown command 'nonsense'"])
  })

  it('stops quietly when the reader closes the pipe early, as `| head -1` does', async () => {
    const child = spawn(process.execPath, [cliPath, 'prompt', 'examples', '--llm'], {
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
