// The action of `plausible mcp` (registered in mcp.ts), loaded when the command runs. --print-config
// prints a client's snippet and loads no SDK; otherwise the server runs until its client closes stdin.
import { realpathSync } from 'node:fs'
import { resolve } from 'node:path'
import { mcpClientConfigText, type McpLaunch } from '../../shared/mcp/client-config'
import type { CliContext } from '../context'
import { reportError } from '../output'
import type { McpFlags } from './mcp'

export async function runMcp(ctx: CliContext, flags: McpFlags): Promise<void> {
  if (flags.printConfig) {
    ctx.stdout.write(mcpClientConfigText(flags.printConfig, launchOfThisCli(ctx.env), serverArgsOf(flags)))
    return
  }
  try {
    const { serveMcp } = await import('../mcp/serve')
    await serveMcp(ctx, flags)
  } catch (error) {
    process.exitCode = reportError(ctx, error, 'table')
  }
}

/**
 * How a client starts this very CLI: the running binary (node, or the app's own with
 * ELECTRON_RUN_AS_NODE=1) and the bundle's absolute path, links resolved, so no PATH is needed.
 */
export function launchOfThisCli(env: Record<string, string | undefined>): McpLaunch {
  const entry = process.argv[1] ? resolve(process.argv[1]) : ''
  let cli = entry
  try {
    cli = realpathSync(entry)
  } catch {
    // Inside the app's archive (app.asar) the path is not on disk: keep it as given.
  }
  return {
    command: process.execPath,
    args: [cli],
    ...(env.ELECTRON_RUN_AS_NODE ? { env: { ELECTRON_RUN_AS_NODE: '1' } } : {}),
  }
}

/** The session flags given beside --print-config, so the snippet starts the same session. */
export function serverArgsOf(flags: McpFlags): string[] {
  return [
    ...(flags.account ? ['--account', flags.account] : []),
    ...(flags.allowWrites ? ['--allow-writes'] : []),
    ...(flags.allowDestructive ? ['--allow-destructive'] : []),
    ...(flags.dryRun ? ['--dry-run'] : []),
    ...(flags.maxRequests !== undefined ? ['--max-requests', String(flags.maxRequests)] : []),
  ]
}
