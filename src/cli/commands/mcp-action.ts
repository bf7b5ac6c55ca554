// The action of `plausible mcp` (registered in mcp.ts), loaded when the command runs. --print-config
// prints a client's snippet and loads no SDK; otherwise the server runs until its client closes stdin.
import { cliLaunchOfThisProcess } from '../../core/install/cli-launch'
import { mcpClientConfigText } from '../../shared/mcp/client-config'
import type { CliContext } from '../context'
import { reportError } from '../output'
import type { McpFlags } from './mcp'

export async function runMcp(ctx: CliContext, flags: McpFlags): Promise<void> {
  if (flags.printConfig) {
    ctx.stdout.write(
      mcpClientConfigText(
        flags.printConfig,
        cliLaunchOfThisProcess(process.argv, ctx.env),
        serverArgsOf(flags),
      ),
    )
    return
  }
  try {
    const { serveMcp } = await import('../mcp/serve')
    await serveMcp(ctx, flags)
  } catch (error) {
    process.exitCode = reportError(ctx, error, 'table')
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
