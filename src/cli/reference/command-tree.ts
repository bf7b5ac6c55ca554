// The command tree as data, read from the commander program and each command's recorded meta:
// the single source for completions, `help --examples` and llms-full.txt.
import type { Command, Option } from 'commander'
import { z } from 'zod'
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
  /** JSON Schema of the --json output, when the command declares one. */
  outputSchema: unknown
  callsApi: boolean
}

/** Every runnable command (leaves and commands with an action), depth first, in registration order. */
export function commandTree(program: Command): CommandReference[] {
  const references: CommandReference[] = []
  const visit = (command: Command, prefix: string[]): void => {
    for (const child of command.commands) {
      const path = [...prefix, child.name()]
      if (child.commands.length === 0) references.push(referenceOf(child, path))
      visit(child, path)
    }
  }
  visit(program, [])
  return references
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
    outputSchema: meta.output
      ? z.toJSONSchema(meta.output, { io: 'output', unrepresentable: 'any' })
      : undefined,
    callsApi: meta.callsApi === true,
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
