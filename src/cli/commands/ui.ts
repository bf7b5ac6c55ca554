// `plausible ui`: the desktop window's dashboard in a browser, served on loopback from an in-process core.
import { access } from 'node:fs/promises'
import { join } from 'node:path'
import { InvalidArgumentError, Option, type Command } from 'commander'
import { serveUi } from '../../core/transport/ui-host'
import { PlausibleError } from '../../shared/errors'
import { z } from 'zod'
import { describeCommand } from '../command-meta'
import type { CliContext } from '../context'
import { emit } from '../emit'
import { openBrowser } from '../open-browser'
import { reportError } from '../output'
import { untilSignal } from './sandbox'

interface UiFlags {
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
    output: z.object({ url: z.string(), port: z.number().int() }),
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
  command.action(async (flags: UiFlags) => {
    try {
      await runUi(ctx, flags)
    } catch (error) {
      process.exitCode = reportError(ctx, error, flags.json ? 'json' : 'table')
    }
  })
}

/** Serves until SIGINT/SIGTERM, then closes the server and the core before returning. */
export async function runUi(
  ctx: CliContext,
  flags: UiFlags,
  stop: () => Promise<void> = untilSignal,
): Promise<void> {
  await assertRendererBuilt(ctx.rendererDir)
  const core = await ctx.openCore({ addDemoIfEmpty: true })
  try {
    const host = await serveUi({ handlers: core.handlers, rendererDir: ctx.rendererDir, port: flags.port })
    try {
      if (flags.json) {
        await emit(ctx, flags, { value: { url: host.url, port: host.port } })
      } else {
        ctx.stdout.write(`Plausible dashboard: ${host.url}\n`)
      }
      if (flags.open ?? (ctx.stdout.isTTY === true && !flags.json)) await announceOpening(ctx, host.url)
      else if (!flags.json)
        ctx.stderr.write('Open it in a browser; the link works only while this runs. Press Ctrl+C to stop.\n')
      await stop()
    } finally {
      await host.close()
    }
  } finally {
    await core.close()
  }
}

async function announceOpening(ctx: CliContext, url: string): Promise<void> {
  const outcome = await openBrowser(url, ctx.env)
  ctx.stderr.write(
    outcome.opened
      ? `Opened in your browser (${outcome.with}); the link works only while this runs. Press Ctrl+C to stop.\n`
      : `Could not open a browser: ${outcome.reason}. Open the URL above yourself; it works only while this runs. Press Ctrl+C to stop.\n`,
  )
}

async function assertRendererBuilt(rendererDir: string): Promise<void> {
  try {
    await access(join(rendererDir, 'index.html'))
  } catch {
    throw new PlausibleError('INTERNAL', {
      message: `The dashboard's files are missing from ${rendererDir}.`,
      hint: 'Build them with `npm run build`, or point PLAUSIBLE_RENDERER_DIR at a built renderer.',
    })
  }
}

function parsePort(value: string): number {
  const number = Number(value)
  if (!Number.isInteger(number) || number < 0 || number > 65535) {
    throw new InvalidArgumentError('--port takes a number from 0 to 65535 (0 picks a free port).')
  }
  return number
}
