// The benchmarks' child processes: Node running the CLI's build (or a script), in an environment holding
// only PATH, HOME, NO_COLOR and what the benchmark sets, so no setting of the machine's shell leaks in.
import { execFile } from 'node:child_process'
import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import { promisify } from 'node:util'

/** The built CLI, as `plausible` runs it. */
export const cli = resolve(__dirname, '../out/main/cli.js')

/** Fails loudly where the CLI was not built, instead of timing an error. */
export function requireBuiltCli(): void {
  if (!existsSync(cli)) throw new Error(`${cli} is missing: run \`npx electron-vite build\` first`)
}

/**
 * Runs `node <args>` and resolves with its stdout. Asynchronous: a sandbox in the benchmark's own process
 * answers from its event loop, which a synchronous spawn would block.
 */
export async function runNode(args: string[], env: NodeJS.ProcessEnv = {}): Promise<string> {
  const { stdout } = await promisify(execFile)(process.execPath, args, {
    env: { PATH: process.env.PATH, HOME: process.env.HOME, NO_COLOR: '1', ...env },
    encoding: 'utf8',
    maxBuffer: 1 << 24,
  })
  return stdout
}
