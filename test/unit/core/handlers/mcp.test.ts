import { describe, expect, it } from 'vitest'
import { mcpHandlers } from '../../../../src/core/handlers/mcp'
import { mcpClientConfigText } from '../../../../src/shared/mcp/client-config'

describe('mcp.config', () => {
  it('answers the launch and the snippet --print-config prints for each client', async () => {
    const launch = { command: '/usr/bin/node', args: ['/opt/plausible/out/main/cli.js'] }
    const answer = await mcpHandlers(() => launch)['mcp.config']({})
    expect(answer.launch).toEqual(launch)
    expect(answer.clients.map((entry) => [entry.client, entry.snippet])).toEqual([
      ['claude', mcpClientConfigText('claude', launch)],
      ['vscode', mcpClientConfigText('vscode', launch)],
      ['cursor', mcpClientConfigText('cursor', launch)],
    ])
    expect(answer.clients.map((entry) => entry.file.split(' ')[0])).toEqual([
      'claude_desktop_config.json',
      '.vscode/mcp.json',
      '~/.cursor/mcp.json',
    ])
  })
})
