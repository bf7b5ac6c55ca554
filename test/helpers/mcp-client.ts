// `plausible mcp` as an MCP client sees it: the built CLI started over stdio by the SDK's own Client.
import { Client } from '@modelcontextprotocol/sdk/client/index.js'
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js'
import { cliEnv, cliPath } from './spawn-cli'

export interface McpSession {
  client: Client
  /** What the server wrote to stderr so far (stdout carries the protocol). */
  stderr(): string
  close(): Promise<void>
}

export interface ToolCallText {
  isError: boolean
  text: string
  structured: Record<string, unknown> | undefined
}

export async function startMcp(args: string[], env: Record<string, string>): Promise<McpSession> {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [cliPath, 'mcp', ...args],
    env: cliEnv(env) as Record<string, string>,
    stderr: 'pipe',
  })
  let stderr = ''
  transport.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  const client = new Client({ name: 'plausible-tests', version: '1.0.0' })
  await client.connect(transport)
  return { client, stderr: () => stderr, close: () => client.close() }
}

/** One tool call, its text and structuredContent read out. */
export async function callTool(
  session: McpSession,
  name: string,
  args: Record<string, unknown> = {},
): Promise<ToolCallText> {
  const result = await session.client.callTool({ name, arguments: args })
  const content = result.content as Array<{ type: string; text?: string }>
  return {
    isError: result.isError === true,
    text: content.map((part) => part.text ?? '').join('\n'),
    structured: result.structuredContent as Record<string, unknown> | undefined,
  }
}
