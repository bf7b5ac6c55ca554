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

  it("registers only the command a group's command line names, and all of them where it names none", () => {
    const commandsOf = (argv: string[], group: string): string[] =>
      build(argv)
        .commands.find((command) => command.name() === group)!
        .commands.map((command) => command.name())
    const stats = ['aggregate', 'timeseries', 'breakdown', 'realtime', 'query']
    expect(commandsOf(['stats', 'aggregate', '--site', 'example.com'], 'stats')).toEqual(['aggregate'])
    expect(commandsOf(['--json', 'queue', 'corrupt', 'list'], 'queue')).toEqual(['corrupt'])
    expect(commandsOf(['events', 'import', 'events.ndjson'], 'events')).toEqual(['import'])
    // A flag's value that happens to be another command's name only registers one more.
    expect(commandsOf(['stats', 'breakdown', '--property', 'query'], 'stats')).toEqual(['breakdown', 'query'])
    // The group's help, commander's suggestion after a typo, and help/completion need them all.
    expect(commandsOf(['stats', '--help'], 'stats')).toEqual(stats)
    expect(commandsOf(['stats', 'agregate'], 'stats')).toEqual(stats)
    expect(commandsOf(['help', 'stats', 'aggregate'], 'stats')).toEqual(stats)
    expect(commandsOf(['completion', 'zsh'], 'stats')).toEqual(stats)
  })

  it("shows a named command's help as the full tree does", () => {
    const aggregate = (program: Command): string =>
      program.commands
        .find((command) => command.name() === 'stats')!
        .commands.find((command) => command.name() === 'aggregate')!
        .helpInformation()
    expect(aggregate(build(['stats', 'aggregate', '--help']))).toBe(aggregate(build()))
  })
})

describe('the preAction hook: how zod parses for the command', () => {
  const holder = globalThis as { __zod_globalConfig?: { jitless?: boolean } }
  const run = async (argv: string[]): Promise<boolean | undefined> => {
    delete holder.__zod_globalConfig?.jitless
    const program = build(argv)
    // The command's own action stays out: only the hook before it is looked at.
    const named = program.commands.find((command) => command.name() === argv[0])!
    const action = named.commands.find((command) => command.name() === argv[1]) ?? named
    action.action(() => {})
    await program.parseAsync(argv, { from: 'user' })
    return holder.__zod_globalConfig?.jitless
  }

  it('interprets schemas for a short command, and leaves zod’s generated parsers to one that parses in bulk', async () => {
    const before = holder.__zod_globalConfig?.jitless
    try {
      expect(await run(['queue', 'inspect'])).toBe(true)
      expect(await run(['status'])).toBe(true)
      expect(await run(['queue', 'drain'])).toBeUndefined()
      expect(await run(['sandbox'])).toBeUndefined()
    } finally {
      if (holder.__zod_globalConfig) holder.__zod_globalConfig.jitless = before
    }
  })
})
