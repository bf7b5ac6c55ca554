// The JSON each command prints is a documented, stable interface (scripts and agents parse it): every
// command's output schema, as JSON Schema from its zod definition, is pinned in a snapshot. A change
// shows in review as a snapshot diff; refresh it on purpose with
//   npx vitest run test/integration/cli-schemas.test.ts -u
import { describe, expect, it } from 'vitest'
import type { CliContext } from '../../src/cli/context'
import { buildProgram } from '../../src/cli/program'
import { describedCommandTree } from '../../src/cli/reference/command-tree'

// Only the definitions are read; a command that tried to run would fail loudly.
const unused = (): never => {
  throw new Error('not used when describing commands')
}
const ctx: CliContext = {
  env: {},
  stdout: process.stdout,
  stderr: process.stderr,
  configDir: '/nonexistent',
  rendererDir: '/nonexistent',
  openCore: unused,
  connect: unused,
}
const tree = await describedCommandTree(buildProgram(ctx))

describe('the JSON output schemas of the commands', () => {
  it('declares one for every command that prints JSON', () => {
    const printsJson = tree.filter((command) => command.options.some((option) => option.long === '--json'))
    expect(
      printsJson.filter((command) => command.outputSchema == null).map((command) => command.path),
    ).toEqual([])
  })

  it.each(tree.map((command) => [command.path, command] as const))('plausible %s', (_path, command) => {
    expect(command.outputSchema ?? null).toMatchSnapshot()
  })
})
