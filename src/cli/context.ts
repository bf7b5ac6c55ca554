// What every command receives: streams, environment, the config dir and a way to reach the core.
// Creating it loads nothing but the config folder's path: the core, the control socket client and the
// logger load (import()) when a command opens or connects, so help, completion and --version stay light.
import { join } from 'node:path'
import type { PlausibleApi } from '../shared/contract'
import type { AccountOverrides } from '../core/accounts/overrides'
import type { Core } from '../core/core'
import { controlSocketPath, resolveConfigDir } from '../core/paths'
import type { Logger } from './log'

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
    /** false: the caller starts the queue itself (core.queue.start()) once it listens to its telemetry. */
    deliverJournal?: boolean
    /** A short command: it prunes the journal only while done/ holds at most so many files. */
    pruneUpToDoneFiles?: number
  }): Promise<Core>
  /** The running app's core over its control socket, or an in-process core when no app runs. */
  connect(
    overrides: AccountOverrides,
    options?: { dryRun?: boolean },
  ): Promise<{ api: PlausibleApi; via: 'app' | 'in-process'; close(): Promise<void> }>
}

/**
 * A command that makes its calls and exits prunes the journal (hourly at most) only while done/ holds
 * up to this many files: a prune looks at each, a few ms per hundred, and the done files of a large
 * import are left to a process that runs longer.
 */
export const shortCommandPruneLimit = 2_000

/** `bundleDir`: the folder of the running cli.js (out/main); the renderer build sits beside it. */
export function createCliContext(bundleDir: string): CliContext {
  const env = process.env
  const configDir = resolveConfigDir(env)
  const warn = (message: string): void => void process.stderr.write(`warning: ${message}\n`)
  const context: CliContext = {
    env,
    // Looked up when written to: Node makes each stream on first use (stdout-pipe.ts).
    get stdout() {
      return process.stdout
    },
    get stderr() {
      return process.stderr
    },
    configDir,
    // The bundle lives in out/main/cli.js; the renderer build sits beside it in out/renderer. (This
    // module is a chunk in out/main/chunks: its own __filename would point one folder too deep.)
    rendererDir: env.PLAUSIBLE_RENDERER_DIR ?? join(bundleDir, '..', 'renderer'),
    openCore: async (options = {}) => {
      const [{ openCore }, { silentLogger }] = await Promise.all([import('../core/core'), import('./log')])
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
        ...(options.deliverJournal === false ? { deliverJournal: false } : {}),
        ...(options.pruneUpToDoneFiles !== undefined
          ? { pruneUpToDoneFiles: options.pruneUpToDoneFiles }
          : {}),
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
      // Through the app, the core never loads here: only the socket client and the contract's client.
      const { connectToCore, createBudgetWaitReporter, listenInThisProcess, frozenClockFrom, ...logs } =
        await import('./connection-parts')
      const log = context.log ?? logs.silentLogger
      const connection = await connectToCore({
        socketPath: controlSocketPath(configDir),
        env,
        overrides,
        // A dry run never goes through the app: its core would send the request.
        inProcessOnly: options.dryRun === true,
        openInProcess: () =>
          context.openCore({
            overrides,
            pruneUpToDoneFiles: shortCommandPruneLimit,
            ...(options.dryRun ? { dryRun: true } : {}),
          }),
      })
      log.log('connect', { via: connection.via })
      // Through the app or in this process alike: a call that waits for the budget says so on stderr.
      const waits = createBudgetWaitReporter({
        get stderr() {
          return context.stderr
        },
        now: frozenClockFrom(env) ?? Date.now,
        log,
      })
      const stopListening = listenInThisProcess(waits.listener)
      return {
        ...connection,
        api: logs.loggedApi(connection.api, log),
        close: async () => {
          stopListening()
          waits.stop()
          await connection.close()
        },
      }
    },
  }
  return context
}
