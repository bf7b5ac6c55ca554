// The command tree as data, read from the commander program and each command's recorded meta:
// the single source for completions, `help --examples` and llms-full.txt.
import type { Command, Option } from 'commander'
import { metaOf, type Example } from '../command-meta'

export interface OptionReference {
  flags: string
  long: string | undefined
  description: string
  takesValue: boolean
  /** `--no-x`: turns x off. */
  negate: boolean
  required: boolean
  choices: string[] | undefined
  defaultValue: unknown
}

export interface CommandReference {
  /** e.g. `stats aggregate` */
  path: string
  summary: string
  arguments: Array<{ name: string; required: boolean; variadic: boolean }>
  options: OptionReference[]
  examples: Example[]
  callsApi: boolean
  /** llms.txt names it without flags (CommandMeta.isBriefInLlmsTxt). */
  isBrief: boolean
}

export interface DescribedCommand extends CommandReference {
  /** JSON Schema of the --json output, when the command declares one. */
  outputSchema: unknown
}

/** Every runnable command (leaves and commands with an action), depth first, in registration order. */
export function commandTree(program: Command): CommandReference[] {
  return runnableCommands(program).map(({ command, path }) => referenceOf(command, path))
}

/**
 * The tree with each command's output schema as JSON Schema (llms-full.txt, the schema snapshot).
 * Async: the schemas and zod load only here, so help and completions never pay for them.
 */
export async function describedCommandTree(program: Command): Promise<DescribedCommand[]> {
  const { jsonSchemaOf } = await import('./output-schemas')
  return Promise.all(
    runnableCommands(program).map(async ({ command, path }) => {
      const output = metaOf(command).output
      return {
        ...referenceOf(command, path),
        outputSchema: output ? jsonSchemaOf(await output()) : undefined,
      }
    }),
  )
}

function runnableCommands(program: Command): Array<{ command: Command; path: string[] }> {
  const found: Array<{ command: Command; path: string[] }> = []
  const visit = (command: Command, prefix: string[]): void => {
    for (const child of command.commands) {
      const path = [...prefix, child.name()]
      if (child.commands.length === 0) found.push({ command: child, path })
      visit(child, path)
    }
  }
  visit(program, [])
  return found
}

/** Group commands (`stats`, `accounts`) with their subcommand names, for completion. */
export function commandGroups(
  program: Command,
): Array<{ name: string; summary: string; subcommands: string[] }> {
  return program.commands.map((command) => ({
    name: command.name(),
    summary: command.description(),
    subcommands: command.commands.map((child) => child.name()),
  }))
}

function referenceOf(command: Command, path: string[]): CommandReference {
  const meta = metaOf(command)
  return {
    path: path.join(' '),
    summary: command.description(),
    arguments: command.registeredArguments.map((argument) => ({
      name: argument.name(),
      required: argument.required,
      variadic: argument.variadic,
    })),
    options: command.options.filter((option) => !option.hidden).map(optionReference),
    examples: meta.examples,
    callsApi: meta.callsApi === true,
    isBrief: meta.isBriefInLlmsTxt === true,
  }
}

function optionReference(option: Option): OptionReference {
  return {
    flags: option.flags,
    long: option.long,
    description: option.description,
    takesValue: option.required || option.optional,
    negate: option.negate,
    required: option.mandatory,
    choices: option.argChoices,
    defaultValue: option.defaultValue,
  }
}
