// The action of `plausible ui` (registered in ui.ts), loaded when the command runs: the ui host and the
// core load only here.
import { access } from 'node:fs/promises'
import { join } from 'node:path'
import { z } from 'zod'
import { lazySchema } from '../../shared/lazy-schema'
import { serveUi } from '../../core/transport/ui-host'
import { hostMetricsEndpoint } from '../../core/handlers/metrics-endpoint'
import { startReportSchedules } from '../../core/handlers/report-schedules'
import { PlausibleError } from '../../shared/errors'
import type { CliContext } from '../context'
import { emit } from '../emit'
import { openBrowser } from '../open-browser'
import { reportError } from '../output'
import { untilSignal } from '../until-signal'
import type { UiFlags } from './ui'

/** The line `ui --json` prints once listening. */
export const UiOutput = lazySchema(() => z.object({ url: z.string(), port: z.number().int() }))

/** Serves until SIGINT/SIGTERM, then closes the server and the core before returning. */
export async function runUi(
  ctx: CliContext,
  flags: UiFlags,
  stop: () => Promise<void> = untilSignal,
): Promise<void> {
  await assertRendererBuilt(ctx.rendererDir)
  const core = await ctx.openCore({ addDemoIfEmpty: true })
  // Scheduled reports run while the window is served, as in the app (a lock keeps the two from both writing).
  const stopReportSchedules = startReportSchedules(core)
  // The /metrics endpoint of Settings, served while the window is, as the app serves it.
  const stopMetricsEndpoint = await hostMetricsEndpoint(core)
  try {
    const host = await serveUi({ handlers: core.handlers, rendererDir: ctx.rendererDir, port: flags.port })
    try {
      // Listening for the stop before the URL is printed: its reader may stop it at once (see runSandbox).
      const stopped = stop()
      if (flags.json) {
        await emit(ctx, flags, { value: { url: host.url, port: host.port } })
      } else {
        ctx.stdout.write(`Plausible dashboard: ${host.url}\n`)
      }
      if (flags.open ?? (ctx.stdout.isTTY === true && !flags.json)) await announceOpening(ctx, host.url)
      else if (!flags.json)
        ctx.stderr.write('Open it in a browser; the link works only while this runs. Press Ctrl+C to stop.\n')
      await stopped
    } finally {
      await host.close()
    }
  } finally {
    stopReportSchedules()
    await stopMetricsEndpoint()
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

export async function runUiCommand(ctx: CliContext, flags: UiFlags): Promise<void> {
  try {
    await runUi(ctx, flags)
  } catch (error) {
    process.exitCode = reportError(ctx, error, flags.json ? 'json' : 'table')
  }
}
