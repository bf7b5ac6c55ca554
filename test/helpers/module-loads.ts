// Runs the built CLI with test/fixtures/record-module-loads.mjs preloaded: the result, and what the
// process loaded — npm packages by name, files of out/main, and the source modules in those files.
import { readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { runCli, tempConfigDir, type CliResult } from './spawn-cli'

const recorder = pathToFileURL(resolve(__dirname, '../fixtures/record-module-loads.mjs')).href

export interface ModuleLoads {
  /** Package names: `commander`, `zod`, `@ioredis/commands`. */
  packages: string[]
  /** Of those, the ones required by name from node_modules (not bundled into the build). */
  required: string[]
  /** Paths under out/main: `cli.js`, `chunks/program-….js`. */
  buildFiles: string[]
  /** Source modules: `src/cli/program.ts`, `src/core/core.ts`. */
  sources: string[]
  /** Node's public modules it loaded: `http`, `child_process`. */
  builtins: string[]
}

/** The environment that preloads the recorder into a child, and what it recorded once the child exited. */
export function moduleLoadRecorder(): { env: Record<string, string>; loads(): ModuleLoads } {
  const log = join(tempConfigDir(), 'module-loads.json')
  return {
    env: { NODE_OPTIONS: `--import ${recorder}`, PLAUSIBLE_TEST_MODULE_LOG: log },
    loads: () => JSON.parse(readFileSync(log, 'utf8')) as ModuleLoads,
  }
}

export async function runCliRecordingLoads(
  args: string[],
  env: Record<string, string> = {},
  stdin?: string,
): Promise<CliResult & { loads: ModuleLoads }> {
  const recording = moduleLoadRecorder()
  const result = await runCli(args, { ...env, ...recording.env }, stdin)
  return { ...result, loads: recording.loads() }
}
