// How long `plausible --version`, `plausible --help` and `plausible completion bash` take to start,
// against `node -e 0` (Node's own start-up) in the same run: the goal is at most 2× for --version.
import { execFile } from 'node:child_process'
import { existsSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { promisify } from 'node:util'
import { beforeAll, test } from 'vitest'
import { medianMs, recordGoal } from './goals'

const cli = resolve(__dirname, '../out/main/cli.js')
const runs = 9
let env: NodeJS.ProcessEnv

beforeAll(() => {
  if (!existsSync(cli)) throw new Error(`${cli} is missing: run \`npx electron-vite build\` first`)
  env = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    PLAUSIBLE_CONFIG_DIR: mkdtempSync(join(tmpdir(), 'plausible-bench-start-')),
    PLAUSIBLE_NO_APP: '1',
    NO_COLOR: '1',
  }
})

async function node(args: string[]): Promise<void> {
  await promisify(execFile)(process.execPath, args, { env })
}

for (const [what, args, factor] of [
  ['CLI start-up: plausible --version', ['--version'], 2],
  ['CLI start-up: plausible --help', ['--help'], 3],
  ['CLI start-up: plausible completion bash', ['completion', 'bash'], 3],
] as const) {
  test(what, async () => {
    const times = await medianMs(runs, {
      subject: () => node([cli, ...args]),
      baseline: () => node(['-e', '0']),
    })
    const ratio = times.subject / times.baseline!
    recordGoal({
      what,
      subject: { label: `plausible ${args.join(' ')}`, median: times.subject, runs },
      baseline: { label: 'node -e 0', median: times.baseline!, runs },
      unit: 'ms',
      goal: `≤ ${factor}× node -e 0`,
      met: ratio <= factor,
      ratio: `${ratio.toFixed(2)}×`,
    })
  })
}
