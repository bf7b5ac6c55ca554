// llms.txt: what an agent needs to answer questions with the CLI, small enough for a context window
// (a test keeps it within 8 KB): the commands with their flags, the metrics and dimensions and which go
// together, the exit codes, and worked questions. Generated from the command tree and the shared tables.
import type { Command } from 'commander'
import { exitCodeMeanings, exitCodes } from '../../shared/errors'
import { commandGroups, commandTree, type CommandReference, type OptionReference } from './command-tree'
import { contains, familiesOf, flagFamilies, type FlagFamily } from './flag-families'
import { environment, llmsFullCommand } from './llms'
import { vocabularyLines } from './vocabulary-text'
import { workedQuestions } from './worked-questions'

/** The limit a test holds llms.txt to. */
export const llmsTxtMaxBytes = 8192

export function renderLlms(program: Command): string {
  const tree = commandTree(program)
  // Brief commands show no flags here, so their flags do not shape the families either.
  const families = flagFamilies(tree.filter((command) => !command.isBrief))
  const out: string[] = []
  out.push('# plausible — the Plausible Desktop command-line tool')
  out.push('')
  out.push(
    `> ${program.description()} Every flag and JSON output schema: \`${llmsFullCommand}\` (llms-full.txt).`,
  )
  out.push('')
  out.push('## Conventions')
  out.push(
    '- `--json`: one JSON document on stdout; errors on stderr as `{"error": {"code", "message", "hint"}}`, and an exit code (below).',
  )
  out.push('- `--dry-run`: print the request (key masked) and send nothing.')
  out.push(
    "- Each request counts against the account's hourly API budget (600 on plausible.io, per UTC hour).",
  )
  out.push('- Without an account, commands use the built-in Demo account (sites such as shop.example.com).')
  out.push(`- Environment: ${environment.join(', ')}.`)
  out.push('')
  out.push('## Commands')
  out.push('')
  out.push(
    'After `plausible`; `!` marks a required flag, `+name` flags several commands take, `…` flags only in llms-full.txt.',
  )
  for (const family of families) {
    // A family inside this one is written by its name: `+common` ends with `+json`.
    const inner = families.filter((other) => contains(family, other))
    const own = family.options.filter(
      (option) => !inner.some((other) => other.options.some((member) => member.flags === option.flags)),
    )
    const words = [...bracedSwitches(flagWords(own, true)), ...inner.map((other) => other.name)]
    out.push(`- \`${family.name}\`: ${words.join(' ')}`)
  }
  out.push('')
  // A group's line says what its commands do, and holds the flags all of them take; a group of one
  // command, or a command without a group, is one line with its summary.
  for (const group of commandGroups(program)) {
    const members = tree.filter((command) => command.path.startsWith(`${group.name} `))
    const single = members.length === 0 ? tree.find((entry) => entry.path === group.name) : members[0]
    if (members.length <= 1) {
      if (single?.isBrief) {
        out.push(`- ${single.path} … — ${firstSentence(single.summary)}`)
        continue
      }
      if (single) {
        const line = usageLine(single, families)
        out.push(
          `- ${[single.path, ...line.args, ...line.flags].join(' ')} — ${firstSentence(single.summary)}`,
        )
      }
      continue
    }
    if (members.every((command) => command.isBrief)) {
      const names = members.map((command) => command.path.slice(group.name.length + 1)).join('|')
      out.push(`- ${group.name} ${names} …: ${group.summary}`)
      continue
    }
    const lines = members.map((command) => usageLine(command, families))
    const shared = lines[0]!.flags.filter((word) => lines.every((line) => line.flags.includes(word)))
    out.push(`- ${group.name}${shared.length ? ` (each: ${shared.join(' ')})` : ''}: ${group.summary}`)
    members.forEach((command, index) => {
      const { args, flags } = lines[index]!
      const words = command.isBrief
        ? [...args, '…']
        : [...args, ...flags.filter((word) => !shared.includes(word))]
      out.push(`  - ${[command.path.slice(group.name.length + 1), ...words].join(' ')}`)
    })
  }
  out.push('')
  out.push('## Metrics and dimensions')
  out.push(...vocabularyLines())
  out.push('')
  out.push('## Exit codes')
  for (const [name, exit] of Object.entries(exitCodes) as Array<[keyof typeof exitCodes, number]>)
    out.push(`- ${exit} ${exitCodeMeanings[name]}`)
  out.push('')
  out.push('## Worked questions')
  workedQuestions.forEach((worked, index) => {
    out.push('')
    out.push(`${index + 1}. ${worked.question}`)
    out.push('```sh')
    out.push(...worked.commands)
    out.push('```')
    out.push(`Why: ${worked.why}`)
  })
  return `${out.join('\n')}\n`
}

/** `goals list`'s words: its arguments, then its own flags and the families it takes (`--site <domain>! +common`). */
function usageLine(command: CommandReference, families: FlagFamily[]): { args: string[]; flags: string[] } {
  const whole = familiesOf(command, families)
  const inWhole = (option: OptionReference): boolean =>
    whole.some((family) => family.options.some((member) => member.flags === option.flags))
  // A flag of a family the command takes only in part is named without its value, given above.
  const inPart = (option: OptionReference): boolean =>
    families.some((family) => family.options.some((member) => member.flags === option.flags))
  const own = command.options.filter((option) => !inWhole(option))
  return {
    args: command.arguments.map((argument) =>
      argument.required ? `<${argument.name}>` : `[${argument.name}${argument.variadic ? '...' : ''}]`,
    ),
    flags: [
      ...own.flatMap((option) => flagWords([option], !inPart(option), own)),
      ...whole.map((family) => family.name),
    ],
  }
}

/**
 * `--site <domain>!`, `--format <table|json|ndjson|csv>`, and `--[no-]open` for a flag whose `--no-`
 * form is among `siblings` too (written once, where the positive form stands).
 */
function flagWords(
  options: OptionReference[],
  withValues: boolean,
  siblings: OptionReference[] = options,
): string[] {
  const words: string[] = []
  for (const option of options) {
    const long = option.long ?? option.flags
    const positive = long.replace(/^--no-/, '--')
    const hasPair = siblings.some(
      (other) =>
        other !== option &&
        (other.long ?? other.flags) === (option.negate ? positive : `--no-${long.slice(2)}`),
    )
    if (option.negate && hasPair) continue
    let word = hasPair ? `--[no-]${long.slice(2)}` : long
    if (withValues && option.takesValue) {
      const placeholder = option.flags.slice(option.flags.lastIndexOf(' ') + 1)
      word += option.choices ? ` <${option.choices.join('|')}>` : ` ${placeholder}`
    }
    words.push(option.required ? `${word}!` : word)
  }
  return words
}

/** "Run calls read from stdin (one per line); print one line per answer." → "Run calls read from stdin." */
function firstSentence(text: string): string {
  const plain = text.replace(/ \([^)]*\)/g, '')
  const end = plain.indexOf('; ')
  return end > 0 ? `${plain.slice(0, end)}.` : plain
}

/** `--[no-]a --[no-]b` → `--[no-]{a,b}`: a run of switches written once. */
function bracedSwitches(words: string[]): string[] {
  const out: string[] = []
  let run: string[] = []
  const flush = (): void => {
    if (run.length > 1) out.push(`--[no-]{${run.join(',')}}`)
    else out.push(...run.map((name) => `--[no-]${name}`))
    run = []
  }
  for (const word of words) {
    const name = /^--\[no-\]([\w-]+)$/.exec(word)?.[1]
    if (name) run.push(name)
    else {
      flush()
      out.push(word)
    }
  }
  flush()
  return out
}
