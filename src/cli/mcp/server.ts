// The MCP server of `plausible mcp`, on the official SDK. Resources and prompts go through McpServer;
// tools through the low-level handlers beside them, because McpServer checks arguments itself and answers
// a refusal with its own text ("Input validation error…"), where ours must carry the CLI's codes and hints.
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js'
import { CallToolRequestSchema, ListToolsRequestSchema } from '@modelcontextprotocol/sdk/types.js'
import { z } from 'zod'
import type { PlausibleApi } from '../../shared/contract'
import { PlausibleError } from '../../shared/errors'
import { jsonSchemaOf } from './json-schema'
import { goalFunnelPrompt, trafficChangePrompt, weeklyReportPrompt } from './prompts'
import { agentReference } from './reference'
import type { SessionBudget } from './session-budget'
import { answerSchema, argumentsError, errorAnswer, successAnswer, type ToolAnswer } from './tool-answers'
import { allTools, type McpTool } from './tools'

export interface McpServerOptions {
  version: string
  api: PlausibleApi
  /** The API that describes writes instead of sending them (--dry-run); opened on the first write. */
  dryRunApi?: () => Promise<PlausibleApi>
  tools: McpTool[]
  session: SessionBudget
  /** --account / PLAUSIBLE_ACCOUNT: the account of a call that names none. */
  defaultAccount?: string
  now: () => number
}

/** The tool's inputSchema: its fields as JSON Schema, `wait` left out (the server never waits) and `account` always in. */
export function inputJsonSchema(tool: McpTool): Record<string, unknown> {
  const rest = jsonSchemaOf(tool.shape?.() ?? tool.input(), 'input') as {
    properties?: Record<string, unknown>
    required?: string[]
  }
  const properties = { ...rest.properties }
  delete properties.wait
  properties.account ??= {
    type: 'string',
    description: 'Account alias (accounts_list shows them); the default account when left out.',
  }
  return {
    ...rest,
    type: 'object',
    properties,
    required: (rest.required ?? []).filter((key) => key !== 'wait'),
  }
}

export function outputJsonSchema(tool: McpTool): Record<string, unknown> {
  return jsonSchemaOf(answerSchema(tool), 'output')
}

export function createMcpServer(options: McpServerOptions): McpServer {
  const server = new McpServer(
    { name: 'plausible', title: 'Plausible Analytics (Plausible Desktop)', version: options.version },
    {
      capabilities: { tools: { listChanged: false } },
      instructions:
        'Plausible Analytics stats for every account of Plausible Desktop, on the budget the desktop app, its tray and the CLI share. Start with accounts_list and sites_list; every answer says what it cost and what is left this hour. Read the resource plausible://reference for metrics, dimensions and the budget rules.',
    },
  )
  const tools = new Map(options.tools.map((tool) => [tool.name, tool]))
  const hidden = new Map(allTools().map((tool) => [tool.name, tool]))

  server.server.setRequestHandler(ListToolsRequestSchema, () => ({
    tools: options.tools.map((tool) => ({
      name: tool.name,
      description: tool.description,
      inputSchema: inputJsonSchema(tool) as { type: 'object' },
      outputSchema: outputJsonSchema(tool) as { type: 'object' },
      annotations: {
        readOnlyHint: tool.access === 'read',
        destructiveHint: tool.access === 'destructive',
        openWorldHint: tool.spends,
      },
    })),
  }))

  server.server.setRequestHandler(CallToolRequestSchema, async (request) => {
    const tool = tools.get(request.params.name)
    if (!tool) return errorAnswer(missingTool(request.params.name, hidden.get(request.params.name)))
    return callTool(options, tool, request.params.arguments ?? {})
  })

  registerResources(server, options)
  registerPrompts(server, options)
  return server
}

function missingTool(name: string, hidden: McpTool | undefined): PlausibleError {
  if (!hidden)
    return new PlausibleError('USAGE', {
      message: `There is no tool named ${JSON.stringify(name)}.`,
      hint: 'tools/list names the tools of this session.',
    })
  const flag = hidden.access === 'write' ? '--allow-writes' : '--allow-destructive'
  return new PlausibleError('USAGE', {
    message: `${name} changes data, and this session is read-only for it.`,
    hint: `Start \`plausible mcp ${flag}\` (add --dry-run to see each request instead of sending it).`,
  })
}

async function callTool(
  options: McpServerOptions,
  tool: McpTool,
  args: Record<string, unknown>,
): Promise<ToolAnswer> {
  try {
    const named = typeof args.account === 'string' ? args.account : undefined
    const account = named ?? options.defaultAccount
    const { account: _given, ...rest } = args
    const forCall = tool.takesAccount && account !== undefined ? { ...rest, account } : rest
    const parsed = tool.input().safeParse(forCall)
    if (!parsed.success) throw argumentsError(tool.name, parsed.error)
    const input = parsed.data as Record<string, unknown>
    const isDryWrite = tool.access !== 'read' && options.dryRunApi !== undefined
    const { value, budget } = await options.session.answer({
      key: `${tool.name} ${JSON.stringify(forCall)}`,
      account,
      // A dry run sends nothing; a write is never answered from a cache.
      spends: tool.spends && !isDryWrite,
      cacheable: tool.access === 'read',
      run: async (): Promise<Record<string, unknown>> => {
        if (!isDryWrite || !options.dryRunApi) return { result: await tool.run(options.api, input) }
        try {
          return { result: await tool.run(await options.dryRunApi(), input) }
        } catch (error) {
          if (error instanceof PlausibleError && error.code === 'DRY_RUN' && error.details?.request)
            return { dryRun: error.details.request }
          throw error
        }
      },
    })
    return successAnswer({ ...value, budget })
  } catch (error) {
    return errorAnswer(error)
  }
}

function registerResources(server: McpServer, options: McpServerOptions): void {
  server.registerResource(
    'sites',
    'plausible://sites',
    {
      title: 'Sites',
      description:
        'Every account with the sites its key can read (one request per account, from the cache when fresh).',
      mimeType: 'application/json',
    },
    async (uri) => {
      const { accounts } = await options.api['accounts.list']({})
      const listed = []
      for (const account of accounts) {
        try {
          const { value } = await options.session.answer({
            key: `resource sites ${account.alias}`,
            account: account.alias,
            spends: true,
            cacheable: true,
            run: () => options.api['sites.list']({ account: account.alias }),
          })
          listed.push({ account: account.alias, sites: value.sites })
        } catch (error) {
          const failure = errorAnswer(error).content[0]?.text ?? ''
          listed.push({ account: account.alias, sites: [], error: failure })
        }
      }
      return {
        contents: [
          {
            uri: uri.href,
            mimeType: 'application/json',
            text: JSON.stringify({ accounts: listed }, null, 2),
          },
        ],
      }
    },
  )
  server.registerResource(
    'reference',
    'plausible://reference',
    {
      title: 'Agent reference',
      description: 'The tools, the metrics and dimensions and which go together, and the budget rules.',
      mimeType: 'text/markdown',
    },
    (uri) => ({
      contents: [{ uri: uri.href, mimeType: 'text/markdown', text: agentReference(options.tools) }],
    }),
  )
}

function registerPrompts(server: McpServer, options: McpServerOptions): void {
  const site = z.string().min(1).describe('The site domain, e.g. shop.example.com.')
  const account = z.string().optional().describe('Account alias; the default account when left out.')
  server.registerPrompt(
    'weekly-report',
    {
      title: 'Weekly report',
      description:
        "A site's last 7 days against the 7 before: totals, the days, top sources, pages and countries.",
      argsSchema: { site, account },
    },
    (args) => ({ messages: weeklyReportPrompt(args, options.now()) }),
  )
  server.registerPrompt(
    'traffic-change',
    {
      title: 'Why did traffic change?',
      description: 'A period against the one before, with the sources, pages and countries that moved most.',
      argsSchema: {
        site,
        account,
        days: z.string().optional().describe('Length of each period in days (1–90); default 7.'),
      },
    },
    (args) => ({ messages: trafficChangePrompt(args, options.now()) }),
  )
  server.registerPrompt(
    'goal-funnel',
    {
      title: 'Goal funnel check',
      description:
        "A site's goals as a funnel over 30 days: visitors and conversion at each step, and the largest drop.",
      argsSchema: {
        site,
        account,
        goals: z
          .string()
          .optional()
          .describe('The steps in order, comma-separated goal names; default: every goal.'),
      },
    },
    (args) => ({ messages: goalFunnelPrompt(args, options.now()) }),
  )
}
