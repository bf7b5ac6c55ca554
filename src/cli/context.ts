// What every command receives: streams, environment, the config dir and a way to reach the core.
import { dirname, join } from 'node:path'
import type { PlausibleApi } from '../shared/contract'
import type { AccountOverrides } from '../core/accounts/overrides'
import { frozenClockFrom, openCore, type Core } from '../core/core'
import { controlSocketPath, resolveConfigDir } from '../core/paths'
import { createBudgetWaitReporter, withBudgetWaitNotices } from './budget-wait'
import { connectToCore } from './connect'
import { loggedApi, silentLogger, type Logger } from './log'

export interface CliContext {
  env: Record<string, string | undefined>
  stdout: NodeJS.WritableStream & { isTTY?: boolean }
  stderr: NodeJS.WritableStream & { isTTY?: boolean }
  /** Where `accounts add|rotate --key-stdin` read a key, and a hidden prompt listens (default process.stdin). */
  stdin?: NodeJS.ReadableStream & { isTTY?: boolean; setRawMode?: (mode: boolean) => unknown }
  configDir: string
  /** --verbose / --log json: set by the root command before any action runs; silent when absent. */
  log?: Logger
  /** The built renderer that `plausible ui` serves. */
  rendererDir: string
  /** Opens a core in this process (for `plausible ui` and the in-process fallback). */
  openCore(options?: {
    addDemoIfEmpty?: boolean
    overrides?: AccountOverrides
    dryRun?: boolean
  }): Promise<Core>
  /** The running app's core over its control socket, or an in-process core when no app runs. */
  connect(
    overrides: AccountOverrides,
    options?: { dryRun?: boolean },
  ): Promise<{ api: PlausibleApi; via: 'app' | 'in-process'; close(): Promise<void> }>
}

export function createCliContext(): CliContext {
  const env = process.env
  const configDir = resolveConfigDir(env)
  const warn = (message: string): void => void process.stderr.write(`warning: ${message}\n`)
  const context: CliContext = {
    env,
    stdout: process.stdout,
    stderr: process.stderr,
    configDir,
    // The bundle lives in out/main/cli.js; the renderer build sits beside it in out/renderer.
    rendererDir: env.PLAUSIBLE_RENDERER_DIR ?? join(dirname(__filename), '..', 'renderer'),
    openCore: async (options = {}) => {
      const log = context.log ?? silentLogger
      const core = await openCore({
        configDir,
        env,
        face: 'cli',
        // With a log, warnings are log lines (one JSON object per line under --log json).
        onWarning: (message) => (log.isEnabled ? log.log('warning', { message }) : warn(message)),
        // Like the app's first start, a fresh machine gets the Demo account, so the CLI works before any key is pasted.
        addDemoIfEmpty: options.addDemoIfEmpty ?? true,
        ...(options.overrides ? { overrides: options.overrides } : {}),
        ...(options.dryRun ? { dryRun: true } : {}),
      })
      if (log.isEnabled) {
        // What an in-process core sends and journals; through the app, the app's own history has it.
        core.history.subscribe(({ method, url, status, durationMs, error }) =>
          log.log('http', { method, url, status, ms: durationMs, error }),
        )
        // The line carries its own time; the event's `at` (the core's clock) would shadow it.
        core.telemetry.subscribe(({ type, at: _at, ...fields }) => log.log(`queue.${type}`, fields))
      }
      return core
    },
    connect: async (overrides, options = {}) => {
      const log = context.log ?? silentLogger
      const connection = await connectToCore({
        socketPath: controlSocketPath(configDir),
        env,
        overrides,
        // A dry run never goes through the app: its core would send the request.
        inProcessOnly: options.dryRun === true,
        openInProcess: () => context.openCore({ overrides, ...(options.dryRun ? { dryRun: true } : {}) }),
      })
      log.log('connect', { via: connection.via })
      // Through the app or in this process alike: a call that waits for the budget says so on stderr.
      const waits = createBudgetWaitReporter({
        stderr: context.stderr,
        now: frozenClockFrom(env) ?? Date.now,
        log,
      })
      return {
        ...connection,
        api: withBudgetWaitNotices(loggedApi(connection.api, log), waits.listener),
        close: async () => {
          waits.stop()
          await connection.close()
        },
      }
    },
  }
  return context
}
