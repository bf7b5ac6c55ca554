// mcp.config: how an MCP client starts `plausible mcp` on this machine, and each client's snippet — what
// the window's Settings shows with a copy button, and `plausible mcp --print-config` prints.
import { z } from 'zod'
import { lazySchema } from '../lazy-schema'
import { mcpClients } from '../mcp/client-config'

export const McpConfigReport = lazySchema(() =>
  z.object({
    /** The absolute command and its arguments before `mcp`; env when it is the app's own binary. */
    launch: z.object({
      command: z.string(),
      args: z.array(z.string()),
      env: z.record(z.string(), z.string()).optional(),
    }),
    clients: z.array(
      z.object({
        client: z.enum(mcpClients),
        /** Where the client reads the snippet from, for people. */
        file: z.string(),
        /** The JSON to paste, as --print-config prints it. */
        snippet: z.string(),
      }),
    ),
  }),
)
export type McpConfigReport = z.infer<typeof McpConfigReport>
