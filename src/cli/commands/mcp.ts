// `plausible mcp`: Plausible for LLM agents over the Model Context Protocol (stdio), started by an MCP
// client as a command. Registering it loads nothing: the SDK and the core load when it runs.
import { Option, type Command } from 'commander'
import { describeCommand } from '../command-meta'
import type { CliContext } from '../context'
import { positiveInteger } from '../shared-options'

/** The clients --print-config knows (src/shared/mcp/client-config.ts has the same list, with zod-free code). */
const printConfigClients = ['claude', 'vscode', 'cursor'] as const

export interface McpFlags {
  account?: string
  allowWrites?: boolean
  allowDestructive?: boolean
  dryRun?: boolean
  maxRequests?: number
  printConfig?: (typeof printConfigClients)[number]
}

export function registerMcp(program: Command, ctx: CliContext): void {
  const command = program
    .command('mcp')
    // Its first sentence is its line in llms.txt, which has no byte to spare.
    .description('MCP server (stdio) for AI agents, on the shared budget.')
    .option(
      '--account <alias>',
      'account of the tools that name none (default: PLAUSIBLE_ACCOUNT, then the default account)',
    )
    .option(
      '--allow-writes',
      'also offer the tools that change data: send events, create sites, add goals, properties, shared links',
    )
    .option(
      '--allow-destructive',
      'also offer the tools that delete: delete a site, remove a goal or a property',
    )
    .option('--dry-run', 'writes answer with the exact request (key masked) instead of sending it')
    .addOption(
      new Option('--max-requests <n>', 'API requests this session may send per UTC hour').argParser(
        positiveInteger('--max-requests'),
      ),
    )
    .addOption(
      new Option(
        '--print-config <client>',
        "print the JSON an MCP client's config needs to start this server (with the other flags given), and exit",
      ).choices(printConfigClients),
    )
  describeCommand(command, {
    callsApi: true,
    isBriefInLlmsTxt: true,
    output: async () => (await import('../mcp/print-config-schema')).PrintedClientConfig,
    notes:
      'stdout carries the protocol; logs go to stderr. Read-only unless --allow-writes / --allow-destructive. Every answer says what it cost and what is left this hour.',
    examples: [
      {
        command: 'plausible mcp --print-config claude',
        description: 'the snippet for claude_desktop_config.json',
      },
      {
        command: 'plausible mcp --max-requests 50',
        description: 'what an MCP client runs: read-only tools, at most 50 requests an hour',
      },
      {
        command: 'plausible mcp --allow-writes --dry-run',
        description: 'write tools that show each request instead of sending it',
      },
    ],
  })
  command.action(async (flags: McpFlags) => (await import('./mcp-action')).runMcp(ctx, flags))
}
