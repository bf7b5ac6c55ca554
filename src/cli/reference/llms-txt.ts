// llms.txt: what an agent needs to answer questions with the CLI, small enough for a context window
// (a test keeps it within 8 KB): the commands with their flags, the metrics and dimensions and which go
// together, the exit codes, and worked questions. Generated from the command tree and the shared tables.
import type { Command } from 'commander'
import { exitCodeMeanings, exitCodes } from '../../shared/errors'
import { commandGroups, commandTree, type CommandReference, type OptionReference } from './command-tree'
import { flagFamilies, type FlagFamily } from './flag-families'
import { environment, llmsFullCommand } from './llms'
import { vocabularyLines } from './vocabulary-text'
import { workedQuestions } from './worked-questions'

/** The limit a test holds llms.txt to. */
export const llmsTxtMaxBytes = 8192

export function renderLlms(program: Command): string {
  const tree = commandTree(program)
  const families = flagFamilies(tree)
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
  out.push(
    '- Without an account, commands answer from the built-in Demo account (seeded sites such as shop.example.com).',
  )
  out.push(`- Environment: ${environment.join(', ')}.`)
  out.push('')
  out.push('## Commands')
  out.push('')
  out.push(
    'After `plausible`; `!` marks a required flag, `+name` flags several commands take. `plausible help <command>` describes each flag.',
  )
  for (const family of families)
    out.push(`- \`${family.name}\`: ${flagWords(family.options, true).join(' ')}`)
  out.push('')
  // A group's line says what its commands do; a command without a group gets its own summary.
  for (const group of commandGroups(program)) {
    const members = tree.filter((command) => command.path.startsWith(`${group.name} `))
    if (members.length === 0) {
      const command = tree.find((entry) => entry.path === group.name)
      if (command) out.push(`- ${usageLine(command, families)} — ${firstSentence(command.summary)}`)
      continue
    }
    out.push(`- ${group.name}: ${group.summary}`)
    for (const command of members)
      out.push(`  - ${usageLine(command, families).slice(group.name.length + 1)}`)
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

/** `goals list --site <domain>! +common`: arguments, the command's own flags, its families. */
function usageLine(command: CommandReference, families: FlagFamily[]): string {
  const whole = families.filter((family) => family.commands.has(command.path))
  const inWhole = (option: OptionReference): boolean =>
    whole.some((family) => family.options.some((member) => member.flags === option.flags))
  // A flag of a family the command takes only in part is named without its value, given above.
  const inPart = (option: OptionReference): boolean =>
    families.some((family) => family.options.some((member) => member.flags === option.flags))
  const own = command.options.filter((option) => !inWhole(option))
  const words = [
    ...command.arguments.map((argument) =>
      argument.required ? `<${argument.name}>` : `[${argument.name}${argument.variadic ? '...' : ''}]`,
    ),
    ...own.flatMap((option) => flagWords([option], !inPart(option), own)),
    ...whole.map((family) => family.name),
  ]
  return [command.path, ...words].join(' ')
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
