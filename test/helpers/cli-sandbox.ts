// The set-up most spawned-CLI tests share: one sandbox for the file, a fresh config dir per test, and an
// environment that points the CLI at the sandbox with its key and no running app.
import { existsSync } from 'node:fs'
import { afterAll, beforeAll, beforeEach } from 'vitest'
import { startSandbox, type RunningSandbox, type SandboxOptions } from '../../src/core/sandbox'
import { cliPath, tempConfigDir } from './spawn-cli'

export interface CliSandbox {
  /** The running sandbox (after beforeAll). */
  readonly sandbox: RunningSandbox
  /** This test's environment for runCli: PLAUSIBLE_CONFIG_DIR, _BASE_URL, _API_KEY, _NO_APP. */
  readonly env: Record<string, string>
  readonly configDir: string
}

/** Registers the hooks; read the fields inside tests. `extraEnv` is added to every test's environment. */
export function useCliSandbox(
  options: Partial<SandboxOptions> = {},
  extraEnv: Record<string, string> = {},
): CliSandbox {
  let sandbox: RunningSandbox | undefined
  let configDir = ''
  beforeAll(async () => {
    if (!existsSync(cliPath)) throw new Error(`${cliPath} is missing: run \`npx electron-vite build\` first`)
    sandbox = await startSandbox({ port: 0, ...options })
  })
  afterAll(() => sandbox?.close())
  beforeEach(() => {
    configDir = tempConfigDir()
  })
  return {
    get sandbox() {
      if (!sandbox) throw new Error('the sandbox starts in beforeAll')
      return sandbox
    },
    get configDir() {
      return configDir
    },
    get env() {
      return {
        PLAUSIBLE_CONFIG_DIR: configDir,
        PLAUSIBLE_BASE_URL: this.sandbox.baseUrl,
        PLAUSIBLE_API_KEY: this.sandbox.apiKey,
        PLAUSIBLE_NO_APP: '1',
        ...extraEnv,
      }
    },
  }
}
