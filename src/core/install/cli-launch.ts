// How to start the CLI this process runs, for an MCP client's config: the running binary (node, or the
// app's own with ELECTRON_RUN_AS_NODE=1) and the bundle's absolute path, links resolved, so no PATH is
// needed. Its own module: `plausible mcp --print-config` reads it without the core.
import { realpathSync } from 'node:fs'
import { resolve } from 'node:path'
import type { McpLaunch } from '../../shared/mcp/client-config'

/** The command that runs the CLI this process runs: its binary and its entry, links resolved. */
export function cliLaunchOfThisProcess(
  argv: readonly string[] = process.argv,
  env: Record<string, string | undefined> = process.env,
): McpLaunch {
  const entry = argv[1] ? resolve(argv[1]) : ''
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
