// `plausible help`, `plausible completion` and `plausible prompt`: generated from the command tree.
import { Argument, type Command } from 'commander'
import { PlausibleError } from '../../shared/errors'
import { describeCommand } from '../command-meta'
import type { CliContext } from '../context'
import { commandTree } from '../reference/command-tree'
import { completionScript, shells, type Shell } from '../reference/completion'
import { renderExamples, renderLlmsFull } from '../reference/llms'

/** Registered last: the texts describe every command registered before. */
export function registerReferenceCommands(program: Command, ctx: CliContext): void {
  program.helpCommand(false)
  describeCommand(
    program
      .command('help')
      .description('Show help for a command, or the curated examples of every command.')
      .argument('[command...]', 'the command to explain, e.g. "stats aggregate"')
      .option('--examples', 'print curated request patterns for every command')
      .action((words: string[], flags: { examples?: boolean }) => {
        if (flags.examples) return void ctx.stdout.write(renderExamples(program))
        const target = findCommand(program, words)
        ctx.stdout.write(target.helpInformation())
      }),
    {
      examples: [
        { command: 'plausible help stats aggregate', description: 'flags and examples of one command' },
        { command: 'plausible help --examples', description: 'every curated example' },
      ],
    },
  )

  describeCommand(
    program
      .command('completion')
      .description('Print a shell completion script.')
      .addArgument(new Argument('<shell>', 'the shell').choices(shells))
      .action((shell: Shell) => void ctx.stdout.write(completionScript(program, shell))),
    {
      examples: [
        {
          command: 'plausible completion bash > ~/.local/share/bash-completion/completions/plausible',
          description: 'bash',
        },
        { command: 'plausible completion zsh > "${fpath[1]}/_plausible"', description: 'zsh' },
        {
          command: 'plausible completion fish > ~/.config/fish/completions/plausible.fish',
          description: 'fish',
        },
      ],
    },
  )

  const prompt = program.command('prompt').description('Texts that teach an LLM agent to use this CLI.')
  describeCommand(
    prompt
      .command('examples')
      .description('Print the curated examples; with --llm, the full reference (llms-full.txt).')
      .option('--llm', 'every command, flag, exit code and JSON output schema')
      .action(
        (flags: { llm?: boolean }) =>
          void ctx.stdout.write(flags.llm ? renderLlmsFull(program) : renderExamples(program)),
      ),
    {
      examples: [
        { command: 'plausible prompt examples', description: 'request patterns to paste into a prompt' },
        {
          command: 'plausible prompt examples --llm > llms-full.txt',
          description: 'the whole reference for an agent',
        },
      ],
    },
  )
}

function findCommand(program: Command, words: string[]): Command {
  let current = program
  for (const word of words) {
    const next = current.commands.find(
      (command) => command.name() === word || command.aliases().includes(word),
    )
    if (!next) {
      const known = commandTree(program).map((command) => command.path)
      throw new PlausibleError('USAGE', {
        message: `There is no command "${words.join(' ')}".`,
        hint: `Commands: ${known.join(', ')}.`,
      })
    }
    current = next
  }
  return current
}
