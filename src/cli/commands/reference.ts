// `plausible help`, `plausible completion` and `plausible prompt`: generated from the command tree.
import { Argument, Option, type Command } from 'commander'
import { PlausibleError } from '../../shared/errors'
import { describeCommand } from '../command-meta'
import type { CliContext } from '../context'
import { commandTree } from '../reference/command-tree'
import { completionScript, shells, type Shell } from '../reference/completion'
import { llmsCommand, llmsFullCommand, renderExamples, renderLlmsFull } from '../reference/llms'
import { vocabularyHelp } from '../reference/vocabulary-text'

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
        // outputHelp, not helpInformation: the examples and notes added after the flags belong to it.
        findCommand(program, words).outputHelp()
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
      .description(
        'Print the curated examples; with --llm, the short reference for agents (llms.txt); with --llm --full, every flag and JSON output schema (llms-full.txt).',
      )
      .option('--llm', 'the short reference: commands, metrics and dimensions, exit codes, worked questions')
      .addOption(
        new Option('--full', 'with --llm: every command, flag, exit code and JSON output schema').implies({
          llm: true,
        }),
      )
      .action(async (flags: { llm?: boolean; full?: boolean }) => {
        const text = flags.full
          ? await renderLlmsFull(program)
          : flags.llm
            ? (await import('../reference/llms-txt')).renderLlms(program)
            : renderExamples(program)
        ctx.stdout.write(text)
      }),
    {
      examples: [
        { command: 'plausible prompt examples', description: 'request patterns to paste into a prompt' },
        {
          command: `${llmsCommand} > llms.txt`,
          description: 'the short reference for an agent (under 8 KB)',
        },
        {
          command: `${llmsFullCommand} > llms-full.txt`,
          description: 'the whole reference, with JSON schemas',
        },
      ],
    },
  )

  // `plausible stats --help` lists what its commands' --metric, --dimension and --filter accept.
  program.commands.find((command) => command.name() === 'stats')?.addHelpText('after', () => vocabularyHelp())
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
