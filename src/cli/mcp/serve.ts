// Runs the MCP server on stdio: one connection to the core (the app's socket when the app runs, at CLI
// priority, else in-process), the session's budget, and the SDK's stdio transport. Returns when the
// client closes stdin, or at SIGINT/SIGTERM, after closing what it opened.
import type { Writable } from 'node:stream'
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js'
import { frozenClockFrom } from '../../core/frozen-clock'
import type { PlausibleApi } from '../../shared/contract'
import type { McpFlags } from '../commands/mcp'
import type { CliContext } from '../context'
import { withoutWaiting } from '../shared-options'
import { untilSignal } from '../until-signal'
import { versionText } from '../version'
import { createMcpServer } from './server'
import { createSessionBudget } from './session-budget'
import { toolsFor } from './tools'

export async function serveMcp(ctx: CliContext, flags: McpFlags): Promise<void> {
  const connection = await ctx.connect({})
  let dryRun: ReturnType<CliContext['connect']> | undefined
  const now = frozenClockFrom(ctx.env) ?? Date.now
  try {
    // An agent waiting an hour for a reset helps nobody: reads fail at once with the reset time.
    const api = withoutWaiting(connection.api)
    const account = flags.account ?? ctx.env.PLAUSIBLE_ACCOUNT
    const server = createMcpServer({
      version: versionText(),
      api,
      ...(flags.dryRun
        ? {
            dryRunApi: async (): Promise<PlausibleApi> =>
              withoutWaiting((await (dryRun ??= ctx.connect({}, { dryRun: true }))).api),
          }
        : {}),
      tools: toolsFor({
        allowWrites: flags.allowWrites === true,
        allowDestructive: flags.allowDestructive === true,
      }),
      session: createSessionBudget({
        ...(flags.maxRequests !== undefined ? { maxRequests: flags.maxRequests } : {}),
        readBudget: (alias) => api['budget.status'](alias ? { account: alias } : {}),
        now,
      }),
      ...(account ? { defaultAccount: account } : {}),
      now,
    })
    const stdin = process.stdin
    const transport = new StdioServerTransport(stdin, ctx.stdout as Writable)
    // The SDK's stdio transport does not end with its input: a client that closes stdin is gone.
    const inputEnded = new Promise<void>((done) => stdin.once('end', done).once('close', done))
    await server.connect(transport)
    ctx.log?.log('mcp.listening', { tools: flags.allowWrites ? 'read+write' : 'read' })
    await Promise.race([inputEnded, untilSignal()])
    await server.close()
  } finally {
    await Promise.all([connection.close(), dryRun?.then((dry) => dry.close())])
  }
}
