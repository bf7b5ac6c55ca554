// How long `plausible --version`, `plausible --help` and `plausible completion bash` take to start,
// against `node -e 0` (Node's own start-up) in the same run: the goal is at most 2× for --version.
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeAll, test } from 'vitest'
import { medianMs, recordGoal } from './goals'
import { cli, requireBuiltCli, runNode } from './node-process'

const runs = 9
let env: NodeJS.ProcessEnv

beforeAll(() => {
  requireBuiltCli()
  env = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    PLAUSIBLE_CONFIG_DIR: mkdtempSync(join(tmpdir(), 'plausible-bench-start-')),
    PLAUSIBLE_NO_APP: '1',
    NO_COLOR: '1',
  }
})

for (const [what, args, factor] of [
  ['CLI start-up: plausible --version', ['--version'], 2],
  ['CLI start-up: plausible --help', ['--help'], 3],
  ['CLI start-up: plausible completion bash', ['completion', 'bash'], 3],
] as const) {
  test(what, async () => {
    const times = await medianMs(runs, {
      subject: () => runNode([cli, ...args], env),
      baseline: () => runNode(['-e', '0'], env),
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
