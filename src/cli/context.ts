// What every command receives: streams, environment, the config dir and a way to reach the core.
import { dirname, join } from 'node:path'
import type { PlausibleApi } from '../shared/contract'
import type { AccountOverrides } from '../core/accounts/overrides'
import { openCore, type Core } from '../core/core'
import { controlSocketPath, resolveConfigDir } from '../core/paths'
import { connectToCore } from './connect'

export interface CliContext {
  env: Record<string, string | undefined>
  stdout: NodeJS.WritableStream & { isTTY?: boolean }
  stderr: NodeJS.WritableStream & { isTTY?: boolean }
  /** Where `accounts add|rotate --key-stdin` read a key, and a hidden prompt listens (default process.stdin). */
  stdin?: NodeJS.ReadableStream & { isTTY?: boolean; setRawMode?: (mode: boolean) => unknown }
  configDir: string
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
    openCore: (options = {}) =>
      openCore({
        configDir,
        env,
        onWarning: warn,
        // Like the app's first start, a fresh machine gets the Demo account, so the CLI works before any key is pasted.
        addDemoIfEmpty: options.addDemoIfEmpty ?? true,
        ...(options.overrides ? { overrides: options.overrides } : {}),
        ...(options.dryRun ? { dryRun: true } : {}),
      }),
    connect: (overrides, options = {}) =>
      connectToCore({
        socketPath: controlSocketPath(configDir),
        env,
        overrides,
        // A dry run never goes through the app: its core would send the request.
        inProcessOnly: options.dryRun === true,
        openInProcess: () => context.openCore({ overrides, ...(options.dryRun ? { dryRun: true } : {}) }),
      }),
  }
  return context
}
