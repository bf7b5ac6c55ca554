// mcp.* — how an MCP client starts `plausible mcp` here. A core in the CLI (`plausible ui`) answers with
// its own process: node and the bundle it runs. The desktop app answers in src/main (its own binary as
// node, or the packaged launcher).
import { mcpClientSnippets, type McpLaunch } from '../../shared/mcp/client-config'
import { cliLaunchOfThisProcess } from '../install/cli-launch'
import type { DomainHandlers } from './types'

export function mcpHandlers(launch: () => McpLaunch = () => cliLaunchOfThisProcess()): DomainHandlers<'mcp'> {
  return {
    async 'mcp.config'() {
      const command = launch()
      return { launch: command, clients: mcpClientSnippets(command) }
    },
  }
}
