// The CLI's command tree built in-process, only to be described (help, llms.txt, completions): a
// context whose every door to a core fails loudly if a test runs a command by mistake.
import type { Command } from 'commander'
import type { CliContext } from '../../src/cli/context'
import { buildProgram } from '../../src/cli/program'

const unused = (): never => {
  throw new Error('not used when describing commands')
}

export function describingContext(
  streams: Pick<CliContext, 'stdout' | 'stderr'> = { stdout: process.stdout, stderr: process.stderr },
): CliContext {
  return {
    env: {},
    ...streams,
    configDir: '/nonexistent',
    rendererDir: '/nonexistent',
    openCore: unused,
    connect: unused,
  }
}

export function describedProgram(): Command {
  return buildProgram(describingContext())
}
