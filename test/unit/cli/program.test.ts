// buildProgram registers a group's commands only when the command line can reach them: what each
// command line gets, and that the texts people read are the same either way.
import { describe, expect, it } from 'vitest'
import type { Command } from 'commander'
import { buildProgram } from '../../../src/cli/program'
import { completionScript } from '../../../src/cli/reference/completion'
import { describingContext } from '../../helpers/described-program'

const groups = [
  'stats',
  'accounts',
  'budget',
  'queue',
  'events',
  'sites',
  'goals',
  'props',
  'shared-links',
  'guests',
  'debug',
]

/** The groups whose commands were registered. */
function filledGroups(program: Command): string[] {
  return program.commands
    .filter((command) => groups.includes(command.name()) && command.commands.length > 0)
    .map((command) => command.name())
}

const build = (argv?: string[]): Command => buildProgram(describingContext(), undefined, argv)

describe('buildProgram', () => {
  it('registers every group without a command line (tests, references) and for help, completion and prompt', () => {
    expect(filledGroups(build())).toEqual(groups)
    for (const argv of [
      ['completion', 'bash'],
      ['help'],
      ['help', '--examples'],
      ['prompt', 'examples', '--llm'],
    ])
      expect(filledGroups(build(argv)), argv.join(' ')).toEqual(groups)
  })

  it('registers only the group the command line names', () => {
    expect(filledGroups(build(['stats', 'aggregate', '--site', 'example.com']))).toEqual(['stats'])
    expect(filledGroups(build(['--json', 'queue', 'corrupt', 'list']))).toEqual(['queue'])
    expect(filledGroups(build(['status']))).toEqual([])
    expect(filledGroups(build(['--help']))).toEqual([])
  })

  it('lists every group, in order, either way: plausible --help reads the same', () => {
    const help = (program: Command): string => program.helpInformation()
    expect(build(['--help']).commands.map((command) => command.name())).toEqual(
      build().commands.map((command) => command.name()),
    )
    expect(help(build(['--help']))).toBe(help(build()))
    expect(help(build(['status', '--help']))).toBe(help(build()))
  })

  it('gives a named group the same commands and completions as the full tree', () => {
    const full = build()
    const statsOnly = build(['stats', '--help'])
    const stats = (program: Command): Command =>
      program.commands.find((command) => command.name() === 'stats')!
    expect(stats(statsOnly).helpInformation()).toBe(stats(full).helpInformation())
    expect(completionScript(build(['completion', 'bash']), 'bash')).toBe(completionScript(full, 'bash'))
  })
})
