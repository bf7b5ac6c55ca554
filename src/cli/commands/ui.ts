// `plausible ui`: the desktop window's dashboard in a browser, served on loopback from an in-process core.
import { InvalidArgumentError, Option, type Command } from 'commander'
import { describeCommand } from '../command-meta'
import type { CliContext } from '../context'

export interface UiFlags {
  port: number
  json?: boolean
  /** Unset: open when a person is at the terminal (stdout is a TTY, no --json). */
  open?: boolean
}

export function registerUiCommand(program: Command, ctx: CliContext): void {
  const command = program
    .command('ui')
    .description(
      'Serve the dashboard on 127.0.0.1 (a token in the URL, valid while it runs) and open it in a browser; for machines where the app cannot run.',
    )
    .addOption(
      new Option('--port <n>', 'port to listen on; 0 picks a free one').default(0).argParser(parsePort),
    )
    .option('--json', 'print one line {"url","port"} once listening')
    .option('--open', 'open the URL in the default browser ($BROWSER, else open/start/xdg-open)')
    .option(
      '--no-open',
      'only print the URL (headless machines, SSH); the default when stdout is not a terminal',
    )
  describeCommand(command, {
    isBriefInLlmsTxt: true,
    output: async () => (await import('./ui-action')).UiOutput,
    notes: `The URL carries a token that is valid while this command runs; anyone who has the URL can read your stats until you stop it.
With no account configured, the dashboard shows the Demo account.`,
    examples: [
      { command: 'plausible ui', description: 'serve the dashboard and print its URL' },
      {
        command: 'plausible ui --port 8080 --no-open',
        description: 'on a fixed port, without opening a browser',
      },
      { command: 'plausible ui --port 0 --json', description: 'any free port; one JSON line once listening' },
    ],
  })
  command.action(async (flags: UiFlags) => (await import('./ui-action')).runUiCommand(ctx, flags))
}

function parsePort(value: string): number {
  const number = Number(value)
  if (!Number.isInteger(number) || number < 0 || number > 65535) {
    throw new InvalidArgumentError('--port takes a number from 0 to 65535 (0 picks a free port).')
  }
  return number
}
