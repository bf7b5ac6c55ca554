import { describe, expect, it } from 'vitest'
import { mcpClientConfig, mcpClientConfigText } from '../../../../src/shared/mcp/client-config'

const node = { command: '/usr/bin/node', args: ['/opt/plausible/out/main/cli.js'] }

describe('mcpClientConfig', () => {
  it('writes mcpServers for Claude Desktop and Cursor', () => {
    for (const client of ['claude', 'cursor'] as const)
      expect(mcpClientConfig(client, node)).toEqual({
        mcpServers: {
          plausible: { command: '/usr/bin/node', args: ['/opt/plausible/out/main/cli.js', 'mcp'] },
        },
      })
  })

  it('writes servers with the stdio type for VS Code, with the session flags after mcp', () => {
    expect(mcpClientConfig('vscode', node, ['--max-requests', '50'])).toEqual({
      servers: {
        plausible: {
          type: 'stdio',
          command: '/usr/bin/node',
          args: ['/opt/plausible/out/main/cli.js', 'mcp', '--max-requests', '50'],
        },
      },
    })
  })

  it("starts the app's own binary as node with ELECTRON_RUN_AS_NODE", () => {
    const app = {
      command: '/Applications/Plausible Desktop.app/Contents/MacOS/Plausible Desktop',
      args: ['/Applications/Plausible Desktop.app/Contents/Resources/app.asar/out/main/cli.js'],
      env: { ELECTRON_RUN_AS_NODE: '1' },
    }
    expect(mcpClientConfigText('claude', app)).toBe(
      `${JSON.stringify(
        { mcpServers: { plausible: { command: app.command, args: [...app.args, 'mcp'], env: app.env } } },
        null,
        2,
      )}\n`,
    )
  })
})
