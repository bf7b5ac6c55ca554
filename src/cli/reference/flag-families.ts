// Flags that travel together (the output and connection flags of most commands, the period flags of the
// stats commands, a site's tracker switches): found in the command tree so llms.txt can name each
// family once and refer to it by name, instead of repeating it on every command line.
import type { CommandReference, OptionReference } from './command-tree'

export interface FlagFamily {
  /** How a command line refers to it: `+common`, `+period`. */
  name: string
  options: OptionReference[]
  /** The paths of the commands that take every flag of the family. */
  commands: Set<string>
}

/** A family needs this many flags, taken by this many commands, to be worth a name. */
const minimumFlags = 3
const minimumCommands = 2

/**
 * `+common`: the flags at least half of the commands take. Then each set of flags taken by exactly the
 * same commands, named after its first flag.
 */
export function flagFamilies(tree: CommandReference[]): FlagFamily[] {
  const takers = new Map<string, string[]>()
  const firstSeen = new Map<string, OptionReference>()
  for (const command of tree)
    for (const option of command.options) {
      takers.set(option.flags, [...(takers.get(option.flags) ?? []), command.path])
      if (!firstSeen.has(option.flags)) firstSeen.set(option.flags, option)
    }
  const options = [...firstSeen.values()]
  const isCommon = (option: OptionReference): boolean =>
    (takers.get(option.flags)?.length ?? 0) * 2 >= tree.length
  const families: FlagFamily[] = []
  const common = options.filter(isCommon)
  if (common.length > 0)
    families.push({
      name: '+common',
      options: common,
      commands: new Set(
        tree
          .filter((command) => common.every((shared) => takes(command, shared)))
          .map((command) => command.path),
      ),
    })
  const bySignature = new Map<string, OptionReference[]>()
  for (const option of options.filter((option) => !isCommon(option))) {
    const signature = (takers.get(option.flags) ?? []).join('\n')
    bySignature.set(signature, [...(bySignature.get(signature) ?? []), option])
  }
  for (const [signature, members] of bySignature) {
    const commands = signature.split('\n')
    if (members.length < minimumFlags || commands.length < minimumCommands) continue
    const first = members[0]?.long ?? ''
    families.push({
      name: `+${first.replace(/^--(no-)?/, '')}`,
      options: members,
      commands: new Set(commands),
    })
  }
  return families
}

function takes(command: CommandReference, option: OptionReference): boolean {
  return command.options.some((other) => other.flags === option.flags)
}
