// Texts for agents and people, generated from the command tree: curated examples and llms-full.txt
// (every command, flag, exit code and JSON output schema); llms-txt.ts writes the short llms.txt.
import type { Command } from 'commander'
import { errorCatalog, exitCodeMeanings, exitCodes } from '../../shared/errors'
import { commandTree, describedCommandTree } from './command-tree'
import { vocabularyLines } from './vocabulary-text'

/** The command that prints llms.txt; with --full, llms-full.txt. */
export const llmsCommand = 'plausible prompt examples --llm'
export const llmsFullCommand = `${llmsCommand} --full`

export const environment = [
  'PLAUSIBLE_API_KEY',
  'PLAUSIBLE_BASE_URL',
  'PLAUSIBLE_ACCOUNT',
  'PLAUSIBLE_HOURLY_LIMIT',
  'PLAUSIBLE_CONFIG_DIR',
  'PLAUSIBLE_REDIS_URL',
  'PLAUSIBLE_SECRET_STORE',
  'NO_COLOR',
]

const jsonConvention =
  '`--json` prints exactly one JSON document on stdout; errors go to stderr as `{"error": {"code", "message", "hint"}}`.'
const dryRunConvention =
  '`--dry-run` (on commands that call the API) prints the exact request with the key redacted and sends nothing.'
const budgetConvention =
  "Every request counts against the account's hourly API budget (600/hour on plausible.io, fixed UTC-hour buckets)."

/** `plausible help --examples`: the curated request patterns, grouped by command. */
export function renderExamples(program: Command): string {
  const sections = commandTree(program)
    .filter((command) => command.examples.length > 0)
    .map((command) => {
      const lines = command.examples.map((example) => `  ${example.command}\n      ${example.description}`)
      return `plausible ${command.path} — ${command.summary}\n${lines.join('\n')}`
    })
  return `${sections.join('\n\n')}\n`
}

/** llms-full.txt: the whole CLI described for an LLM agent, stable and complete (with the output schemas). */
export async function renderLlmsFull(program: Command): Promise<string> {
  const out: string[] = []
  out.push('# plausible — the Plausible Desktop command-line tool')
  out.push('')
  out.push(program.description())
  out.push('')
  out.push('## Conventions')
  out.push(`- ${jsonConvention}`)
  out.push(`- ${dryRunConvention}`)
  out.push(`- ${budgetConvention}`)
  out.push(`- Environment: ${environment.join(', ')}.`)
  out.push('')
  out.push('## Metrics and dimensions')
  out.push(...vocabularyLines())
  out.push('')
  out.push('## Exit codes')
  for (const [name, code] of Object.entries(exitCodes) as Array<[keyof typeof exitCodes, number]>)
    out.push(`- ${code}: ${name} — ${exitCodeMeanings[name]}`)
  out.push('')
  out.push('## Error codes')
  for (const [code, entry] of Object.entries(errorCatalog))
    out.push(`- ${code} (exit ${entry.exit}): ${entry.message} Hint: ${entry.hint}`)
  for (const command of await describedCommandTree(program)) {
    out.push('')
    out.push(`## plausible ${command.path}`)
    out.push('')
    out.push(command.summary)
    if (command.arguments.length > 0) {
      out.push('')
      out.push('Arguments:')
      for (const argument of command.arguments) {
        out.push(
          `- <${argument.name}${argument.variadic ? '...' : ''}>${argument.required ? ' (required)' : ' (optional)'}`,
        )
      }
    }
    if (command.options.length > 0) {
      out.push('')
      out.push('Options:')
      for (const option of command.options) {
        const extras = [
          option.required ? 'required' : '',
          option.choices ? `one of: ${option.choices.join(', ')}` : '',
          option.defaultValue !== undefined ? `default: ${JSON.stringify(option.defaultValue)}` : '',
        ].filter(Boolean)
        out.push(
          `- \`${option.flags}\` — ${option.description}${extras.length ? ` (${extras.join('; ')})` : ''}`,
        )
      }
    }
    if (command.examples.length > 0) {
      out.push('')
      out.push('Examples:')
      for (const example of command.examples) out.push(`- \`${example.command}\` — ${example.description}`)
    }
    if (command.outputSchema !== undefined) {
      out.push('')
      out.push('JSON output schema (--json):')
      out.push('```json')
      out.push(JSON.stringify(command.outputSchema, null, 2))
      out.push('```')
    }
  }
  return `${out.join('\n')}\n`
}
