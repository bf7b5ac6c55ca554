// What an MCP client needs to start `plausible mcp`: the JSON snippet for its config file, per client.
// `plausible mcp --print-config` prints it and the window's Settings shows it; both build it here.

export const mcpClients = ['claude', 'vscode', 'cursor'] as const
export type McpClient = (typeof mcpClients)[number]

/** How to start the bundled CLI: an absolute command, its arguments, and the environment it needs. */
export interface McpLaunch {
  command: string
  /** The arguments before `mcp` (the CLI's own path when the command is node or the app's binary). */
  args: string[]
  /** ELECTRON_RUN_AS_NODE=1 when the command is the app's own binary. */
  env?: Record<string, string>
}

/** The server's name in every client's config: the key agents see tools under. */
export const mcpServerName = 'plausible'

/** Where each client reads the snippet from, for people. */
export const mcpConfigFiles: Record<McpClient, string> = {
  claude: 'claude_desktop_config.json (Claude Desktop: Settings → Developer → Edit Config)',
  vscode: '.vscode/mcp.json in the workspace (or "MCP: Open User Configuration")',
  cursor: '~/.cursor/mcp.json (or .cursor/mcp.json in a project)',
}

/**
 * The snippet for one client. Claude Desktop and Cursor read `mcpServers`; VS Code reads `servers` and
 * wants the transport named (`"type": "stdio"`).
 */
export function mcpClientConfig(client: McpClient, launch: McpLaunch, extraArgs: string[] = []): object {
  const server = {
    ...(client === 'vscode' ? { type: 'stdio' } : {}),
    command: launch.command,
    args: [...launch.args, 'mcp', ...extraArgs],
    ...(launch.env && Object.keys(launch.env).length > 0 ? { env: launch.env } : {}),
  }
  return client === 'vscode'
    ? { servers: { [mcpServerName]: server } }
    : { mcpServers: { [mcpServerName]: server } }
}

/** The snippet as it is pasted: two-space JSON and a final newline. */
export function mcpClientConfigText(client: McpClient, launch: McpLaunch, extraArgs: string[] = []): string {
  return `${JSON.stringify(mcpClientConfig(client, launch, extraArgs), null, 2)}\n`
}

/** Every client's snippet for one launch: what mcp.config answers (the window's Settings card). */
export function mcpClientSnippets(
  launch: McpLaunch,
): Array<{ client: McpClient; file: string; snippet: string }> {
  return mcpClients.map((client) => ({
    client,
    file: mcpConfigFiles[client],
    snippet: mcpClientConfigText(client, launch),
  }))
}
