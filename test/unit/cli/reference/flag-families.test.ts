import { describe, expect, it } from 'vitest'
import type { CommandReference, OptionReference } from '../../../../src/cli/reference/command-tree'
import { flagFamilies } from '../../../../src/cli/reference/flag-families'

function option(long: string): OptionReference {
  return {
    flags: long,
    long,
    description: long,
    takesValue: false,
    required: false,
    choices: undefined,
    defaultValue: undefined,
    negate: false,
  }
}

function command(path: string, longs: string[]): CommandReference {
  return {
    path,
    summary: path,
    arguments: [],
    options: longs.map(option),
    examples: [],
    callsApi: false,
    isBrief: false,
  }
}

const summary = (tree: CommandReference[]): Array<[string, string[], string[]]> =>
  flagFamilies(tree).map((family) => [
    family.name,
    family.options.map((entry) => entry.flags),
    [...family.commands],
  ])

describe('flagFamilies', () => {
  it('calls +common the flags taken by half of the commands, not those taken by fewer', () => {
    const tree = [
      command('a', ['--json', '--x']),
      command('b', ['--json']),
      command('c', ['--y']),
      command('d', []),
    ]
    // --json: 2 of 4 (half) is common; --x, --y: 1 of 4 is not.
    expect(summary(tree)).toEqual([['+common', ['--json'], ['a', 'b']]])
    expect(summary([...tree, command('e', [])])).toEqual([])
  })

  it('names three flags taken by the same two commands after the first, but not two flags or one command', () => {
    const others = [command('x', []), command('y', []), command('z', []), command('w', [])]
    const three = [command('a', ['--p', '--q', '--r']), command('b', ['--p', '--q', '--r']), ...others]
    expect(summary(three)).toEqual([['+p', ['--p', '--q', '--r'], ['a', 'b']]])
    const two = [command('a', ['--p', '--q']), command('b', ['--p', '--q']), ...others]
    expect(summary(two)).toEqual([])
    const alone = [command('a', ['--p', '--q', '--r']), command('b', []), ...others]
    expect(summary(alone)).toEqual([])
  })

  it('names a part of +common that two commands take without the rest, but not one command', () => {
    const full = ['--acc', '--j', '--f', '--o']
    const tree = [
      command('a', full),
      command('b', full),
      command('c', full),
      command('d', ['--j', '--f', '--o']),
      command('e', ['--j', '--f', '--o']),
      command('f', []),
    ]
    expect(summary(tree)).toEqual([
      ['+common', full, ['a', 'b', 'c']],
      ['+j', ['--j', '--f', '--o'], ['a', 'b', 'c', 'd', 'e']],
    ])
    // With e taking nothing, --acc (3 of 6) and the rest (4 of 6) stay common, and d alone makes no family.
    const lone = tree.map((entry) => (entry.path === 'e' ? command('e', []) : entry))
    expect(summary(lone)).toEqual([['+common', full, ['a', 'b', 'c']]])
  })

  it('names a family of switches after the first without its --no-', () => {
    const tree = [
      command('a', ['--no-p', '--q', '--r']),
      command('b', ['--no-p', '--q', '--r']),
      command('c', []),
      command('d', []),
      command('e', []),
    ]
    expect(summary(tree)[0]?.[0]).toBe('+p')
  })
})
