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
 * `+common`: the flags at least half of the commands take. Within it, each part of it that several
 * commands take without the rest (their output flags, say). Then each set of other flags taken by
 * exactly the same commands. Each family but `+common` is named after its first flag.
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
  const family = (name: string, members: OptionReference[]): FlagFamily => ({
    name,
    options: members,
    commands: new Set(
      tree
        .filter((command) => members.every((member) => takes(command, member)))
        .map((command) => command.path),
    ),
  })
  const families: FlagFamily[] = []
  const common = options.filter(isCommon)
  if (common.length > 0) families.push(family('+common', common))
  // The parts of +common that commands without all of it take, grouped by which part.
  const parts = new Map<string, { members: OptionReference[]; count: number }>()
  for (const command of tree) {
    const members = common.filter((shared) => takes(command, shared))
    if (members.length === common.length || members.length < minimumFlags) continue
    const key = members.map((member) => member.flags).join('\n')
    parts.set(key, { members, count: (parts.get(key)?.count ?? 0) + 1 })
  }
  for (const { members, count } of parts.values())
    if (count >= minimumCommands) families.push(family(nameOf(members), members))
  const bySignature = new Map<string, OptionReference[]>()
  for (const option of options.filter((option) => !isCommon(option))) {
    const signature = (takers.get(option.flags) ?? []).join('\n')
    bySignature.set(signature, [...(bySignature.get(signature) ?? []), option])
  }
  for (const [signature, members] of bySignature) {
    if (members.length < minimumFlags || signature.split('\n').length < minimumCommands) continue
    families.push(family(nameOf(members), members))
  }
  return families
}

/** `+period` for a family that starts with --period, `+track-404-pages` for --no-track-404-pages. */
function nameOf(members: OptionReference[]): string {
  return `+${(members[0]?.long ?? '').replace(/^--(no-)?/, '')}`
}

/** The families a command takes whole, leaving out one that a larger one it takes contains. */
export function familiesOf(command: CommandReference, families: FlagFamily[]): FlagFamily[] {
  const whole = families.filter((entry) => entry.commands.has(command.path))
  return whole.filter((entry) => !whole.some((other) => contains(other, entry)))
}

/** True when `outer` holds every flag of `inner`, and more. */
export function contains(outer: FlagFamily, inner: FlagFamily): boolean {
  return (
    outer !== inner &&
    outer.options.length > inner.options.length &&
    inner.options.every((option) => outer.options.some((other) => other.flags === option.flags))
  )
}

function takes(command: CommandReference, option: OptionReference): boolean {
  return command.options.some((other) => other.flags === option.flags)
}
