// What commander does not hold about a command: its curated examples and the schema of its --json
// output. Help, `plausible help --examples`, llms-full.txt and completions are generated from this.
// Registering a command stays light (no zod): the output schema is loaded only when asked for.
import type { Command } from 'commander'
import type { z } from 'zod'
import type { CallName } from '../shared/contract/names'

export interface Example {
  /** The command line, starting with `plausible`. */
  command: string
  /** What it does, in a few words. */
  description: string
}

export interface CommandMeta {
  examples: Example[]
  /**
   * The shape of the JSON the command prints with --json (one document; ndjson prints its rows), loaded
   * on demand (llms-full.txt, the schema snapshot): a command's help and start-up load no zod.
   */
  output?: () => Promise<z.ZodType>
  /** Commands that send requests to a Plausible server (they accept --dry-run). */
  callsApi?: boolean
  /** Extra help paragraph shown before the examples. */
  notes?: string
  /**
   * llms.txt names the command without its flags (a group of such commands on one line); llms-full.txt and
   * --help have them all. For commands an agent rarely needs, so the short reference stays within 8 KB.
   */
  isBriefInLlmsTxt?: boolean
}

const metas = new WeakMap<Command, CommandMeta>()

/** Records the command's examples and output schema, and shows the examples in its --help. */
export function describeCommand(command: Command, meta: CommandMeta): Command {
  metas.set(command, meta)
  if (!meta.notes && meta.examples.length === 0) return command
  // Written when the help is shown, not when the command is registered (every run registers them all).
  command.addHelpText('after', () => {
    const notes = meta.notes ? `\n${meta.notes}\n` : ''
    const examples = meta.examples.length
      ? `\nExamples:\n${meta.examples.map((example) => `  ${example.command}\n      ${example.description}`).join('\n')}\n`
      : ''
    return `${notes}${examples}`
  })
  return command
}

export function metaOf(command: Command): CommandMeta {
  return metas.get(command) ?? { examples: [] }
}

/** The output schema of a contract call, as `output`: the command prints what the call returns. */
export function contractOutput(name: CallName): () => Promise<z.ZodType> {
  return async () => (await import('../shared/contract/calls')).calls[name].output
}
