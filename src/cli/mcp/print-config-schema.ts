// What `plausible mcp --print-config <client>` prints: one client's config snippet, the only JSON document
// the command writes (without the flag, stdout carries the MCP protocol). Claude Desktop and Cursor read
// `mcpServers`, VS Code `servers` (client-config.ts builds both).
import { z } from 'zod'
import { lazySchema } from '../../shared/lazy-schema'

const LaunchedServer = lazySchema(() =>
  z.object({
    /** VS Code names the transport. */
    type: z.literal('stdio').optional(),
    command: z.string(),
    args: z.array(z.string()),
    env: z.record(z.string(), z.string()).optional(),
  }),
)

export const PrintedClientConfig = lazySchema(() =>
  z.object({
    mcpServers: z.record(z.string(), LaunchedServer).optional(),
    servers: z.record(z.string(), LaunchedServer).optional(),
  }),
)
