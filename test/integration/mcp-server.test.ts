// `plausible mcp` driven by the MCP SDK's own Client over stdio (the built CLI), against a sandbox: the
// tools it lists with each flag, every read tool's structuredContent against its outputSchema and against
// the same call through the CLI, tool errors that leave the server up, --max-requests, the reserve and
// the session's cache, a budget shared by two sessions and the CLI, --dry-run writes, resources, prompts;
// and the Inspector's CLI as a second, independent client.
import { spawn } from 'node:child_process'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { answerSchema } from '../../src/cli/mcp/tool-answers'
import { openCore } from '../../src/core/core'
import { controlSocketPath } from '../../src/core/paths'
import { serveControlSocket } from '../../src/core/transport/control-socket-server'
import { allTools } from '../../src/cli/mcp/tools'
import { aggregateQuery, breakdownQuery, timeseriesQuery } from '../../src/shared/plausible/builders'
import { topStatMetrics } from '../../src/shared/stats/top-stats'
import { useCliSandbox } from '../helpers/cli-sandbox'
import { callTool, startMcp, type McpSession } from '../helpers/mcp-client'
import { cliEnv, cliPath, runCli } from '../helpers/spawn-cli'

// The ledger's hour stands still, so no test straddles the top of a UTC hour.
const frozen = new Date()
frozen.setUTCMinutes(30, 0, 0)
const resetsAt = new Date(frozen.getTime() + 30 * 60_000).toISOString()
const site = 'shop.example.com'

const cli = useCliSandbox({}, { PLAUSIBLE_FROZEN_TIME: frozen.toISOString() })
const sessions: McpSession[] = []

async function mcp(args: string[] = [], env: Record<string, string> = {}): Promise<McpSession> {
  const session = await startMcp(args, { ...cli.env, ...env })
  sessions.push(session)
  return session
}

afterEach(async () => {
  await Promise.all(sessions.splice(0).map((session) => session.close()))
})

/** The same contract call through `plausible call --batch --json`: its value. */
async function throughCli(call: string, input: Record<string, unknown>, env = cli.env): Promise<unknown> {
  const result = await runCli(['call', '--batch', '--json'], env, `${JSON.stringify({ call, input })}\n`)
  expect(result.code, result.stderr).toBe(0)
  const [line] = JSON.parse(result.stdout) as Array<{ result: { ok: boolean; value?: unknown } }>
  expect(line?.result.ok).toBe(true)
  return line?.result.value
}

/** The Demo account's server is a sandbox of each process's own, on a port of its own. */
function withoutDemoPort(value: unknown): unknown {
  const listed = value as { accounts?: Array<{ isDemo: boolean; baseUrl: string }> }
  if (!Array.isArray(listed.accounts)) return value
  return {
    ...listed,
    accounts: listed.accounts.map((account) => (account.isDemo ? { ...account, baseUrl: 'demo' } : account)),
  }
}

const readTools = [
  'accounts_list',
  'sites_list',
  'sites_get',
  'goals_list',
  'props_list',
  'stats_query',
  'stats_aggregate',
  'stats_timeseries',
  'stats_breakdown',
  'stats_realtime',
  'budget_status',
  'queue_inspect',
  'doctor_run',
]
const writeTools = [
  'events_send',
  'events_import',
  'sites_create',
  'sites_update',
  'goals_add',
  'props_add',
  'sharedLinks_create',
]
const destructiveTools = ['sites_delete', 'goals_remove', 'props_remove']

describe('tools/list', () => {
  it('is read-only by default; writes only with --allow-writes, deletions only with --allow-destructive', async () => {
    const names = async (args: string[]): Promise<string[]> =>
      (await (await mcp(args)).client.listTools()).tools.map((tool) => tool.name)
    expect(await names([])).toEqual(readTools)
    expect(await names(['--allow-writes'])).toEqual([...readTools, ...writeTools])
    expect(await names(['--allow-destructive'])).toEqual([...readTools, ...destructiveTools])
    expect(await names(['--allow-writes', '--allow-destructive'])).toEqual([
      ...readTools,
      ...writeTools,
      ...destructiveTools,
    ])
  })

  it('gives every tool an inputSchema with an optional account and an outputSchema with result and budget', async () => {
    const { tools } = await (await mcp(['--allow-writes', '--allow-destructive'])).client.listTools()
    for (const tool of tools) {
      expect([tool.name, tool.inputSchema.type, tool.inputSchema.required?.includes('account')]).toEqual([
        tool.name,
        'object',
        false,
      ])
      expect(Object.keys(tool.inputSchema.properties ?? {}), tool.name).toContain('account')
      expect(Object.keys(tool.inputSchema.properties ?? {}), tool.name).not.toContain('wait')
      expect(tool.outputSchema?.required, tool.name).toEqual(
        tool.annotations?.readOnlyHint ? ['result', 'budget'] : ['budget'],
      )
    }
  })
})

describe('read tools against the sandbox', () => {
  it('answer structuredContent that fits the outputSchema and equals the same call through the CLI', async () => {
    const session = await mcp()
    const window = '30d'
    const cases: Array<
      [tool: string, args: Record<string, unknown>, call: string, input: Record<string, unknown>]
    > = [
      ['accounts_list', {}, 'accounts.list', {}],
      ['sites_list', {}, 'sites.list', {}],
      ['sites_get', { site }, 'sites.get', { site }],
      ['goals_list', { site }, 'goals.list', { site }],
      ['props_list', { site }, 'props.list', { site }],
      [
        'stats_query',
        { query: { site_id: site, metrics: ['visitors', 'pageviews'], date_range: window } },
        'stats.query',
        { query: { site_id: site, metrics: ['visitors', 'pageviews'], date_range: window } },
      ],
      [
        'stats_aggregate',
        { site, date_range: window },
        'stats.query',
        { query: aggregateQuery(site, { metrics: [...topStatMetrics], dateRange: window }) },
      ],
      [
        'stats_timeseries',
        { site, date_range: window, interval: 'time:day' },
        'stats.query',
        { query: timeseriesQuery(site, { metrics: ['visitors'], dateRange: window, interval: 'time:day' }) },
      ],
      [
        'stats_breakdown',
        { site, date_range: window, dimensions: ['visit:source'], limit: 5 },
        'stats.query',
        {
          query: breakdownQuery(site, {
            metrics: ['visitors'],
            dateRange: window,
            dimensions: ['visit:source'],
            limit: 5,
          }),
        },
      ],
      ['stats_realtime', { site }, 'stats.realtime', { site }],
      ['budget_status', {}, 'budget.status', {}],
    ]
    const tools = new Map(allTools().map((tool) => [tool.name, tool]))
    // Realtime visitors move with the sandbox's clock: the CLI is asked before and after, and the tool's
    // answer must be one of the two.
    const movesWithTheClock = new Set(['stats_realtime'])
    for (const [name, args, call, input] of cases) {
      const before = movesWithTheClock.has(name) ? withoutDemoPort(await throughCli(call, input)) : undefined
      const answer = await callTool(session, name, args)
      expect([name, answer.isError, answer.text.split('\n')[0]]).toEqual([
        name,
        false,
        expect.stringMatching(/^Cost \d+ requests?; \d+ left this hour, reset at /),
      ])
      const tool = tools.get(name)
      if (!tool) throw new Error(`no tool ${name}`)
      // The SDK's Client already checked it against the listed JSON Schema; this is the zod definition.
      const structured = answerSchema(tool).parse(answer.structured) as { result: unknown }
      const after = withoutDemoPort(await throughCli(call, input))
      if (before === undefined) expect([name, withoutDemoPort(structured.result)]).toEqual([name, after])
      else expect([before, after], name).toContainEqual(withoutDemoPort(structured.result))
    }
  })

  it('queue_inspect and doctor_run fit their output schemas and tell what the CLI tells, less what is per process', async () => {
    const session = await mcp()
    const tools = new Map(allTools().map((tool) => [tool.name, tool]))
    const results: Record<string, unknown> = {}
    for (const name of ['queue_inspect', 'doctor_run']) {
      const answer = await callTool(session, name)
      expect([name, answer.isError]).toEqual([name, false])
      const tool = tools.get(name)
      if (!tool) throw new Error(`no tool ${name}`)
      results[name] = (answerSchema(tool).parse(answer.structured) as { result: unknown }).result
    }
    // The worker, the reads and the requests in flight belong to each process; the journal is shared.
    const journal = (value: unknown) => {
      const { pending, inFlight, failed, possiblyDelivered, jobs, corrupt } = value as Record<string, unknown>
      return { pending, inFlight, failed, possiblyDelivered, jobs, corrupt }
    }
    expect(journal(results.queue_inspect)).toEqual(journal(await throughCli('queue.inspect', {})))
    // Each check's verdict; their messages carry timings and the clock skew of the moment.
    const verdicts = (value: unknown) =>
      (value as { checks: Array<{ check: string; account: string | null; status: string }> }).checks.map(
        ({ check, account, status }) => [check, account, status],
      )
    expect(verdicts(results.doctor_run)).toEqual(verdicts(await throughCli('doctor.run', {})))
  })

  it('says what each answer cost: 1 request for a new question, 0 when the cache answers it again', async () => {
    const session = await mcp()
    const first = await callTool(session, 'stats_aggregate', { site, date_range: '7d' })
    const again = await callTool(session, 'stats_aggregate', { site, date_range: '7d' })
    expect(first.structured?.budget).toEqual({
      cost: 1,
      remainingThisHour: 599,
      sessionRemaining: null,
      resetsAt,
      cached: null,
    })
    expect(again.structured?.budget).toEqual({
      cost: 0,
      remainingThisHour: 599,
      sessionRemaining: null,
      resetsAt,
      cached: null,
    })
  })
})

describe('bad input', () => {
  it('is a tool error with the CLI code and hint, and the server keeps answering', async () => {
    const session = await mcp()
    const badMetric = await callTool(session, 'stats_query', {
      query: { site_id: site, metrics: ['visitorz'], date_range: '7d' },
    })
    expect(badMetric.isError).toBe(true)
    expect(badMetric.text.split('\n').slice(0, 3)).toEqual([
      'QUERY_INVALID: #/metrics/0: Invalid metric "visitorz"',
      "Hint: Fix #/metrics/0 of the query; `plausible stats --help` lists the metrics, dimensions and filters and which go together. Refused here by the server's own rules: nothing was sent.",
      'At: #/metrics/0',
    ])
    expect(badMetric.text).toContain('Metrics: visitors, visits, pageviews,')

    const noSite = await callTool(session, 'sites_get', {})
    expect([noSite.isError, noSite.text]).toEqual([
      true,
      'USAGE: Invalid arguments for sites_get: site: Invalid input: expected string, received undefined.\nHint: The inputSchema of sites_get (tools/list) names every field it takes; fix the one named and call it again.\nAt: #/site',
    ])

    const extra = await callTool(session, 'stats_realtime', { site, colour: 'red' })
    expect([extra.isError, extra.text.split('\n')[0]]).toEqual([
      true,
      'USAGE: Invalid arguments for stats_realtime: Unrecognized key: "colour".',
    ])

    const write = await callTool(session, 'events_send', {
      event: { name: 'pageview', url: `https://${site}/` },
    })
    expect([write.isError, write.text]).toEqual([
      true,
      'USAGE: events_send changes data, and this session is read-only for it.\nHint: Start `plausible mcp --allow-writes` (add --dry-run to see each request instead of sending it).',
    ])

    const unknown = await callTool(session, 'stats_everything', {})
    expect([unknown.isError, unknown.text.split('\n')[0]]).toEqual([
      true,
      'USAGE: There is no tool named "stats_everything".',
    ])

    const noAccount = await callTool(session, 'sites_list', { account: 'nobody' })
    expect([noAccount.isError, noAccount.text.split('\n')[0]]).toEqual([
      true,
      expect.stringMatching(/^ACCOUNT_NOT_FOUND: /),
    ])

    // Still up, and nothing above was spent.
    const after = await callTool(session, 'budget_status')
    expect([after.isError, (after.structured?.result as { usedThisHour: number }).usedThisHour]).toEqual([
      false,
      0,
    ])
    expect(session.stderr()).toBe('')
  })
})

describe('the budget', () => {
  it('--max-requests 3 answers three new questions and refuses the fourth with the reset time', async () => {
    const session = await mcp(['--max-requests', '3'])
    const costs = []
    for (const range of ['2d', '3d', '4d']) {
      const answer = await callTool(session, 'stats_aggregate', { site, date_range: range })
      const budget = answer.structured?.budget as { cost: number; sessionRemaining: number }
      costs.push([answer.isError, budget.cost, budget.sessionRemaining])
    }
    expect(costs).toEqual([
      [false, 1, 2],
      [false, 1, 1],
      [false, 1, 0],
    ])
    const fourth = await callTool(session, 'stats_aggregate', { site, date_range: '5d' })
    expect([fourth.isError, fourth.text.split('\n')[0]]).toEqual([
      true,
      `BUDGET_EXHAUSTED: This MCP session sent its 3 requests of this hour (--max-requests 3); it may send more after ${resetsAt}.`,
    ])
    // A question answered before comes from this session's cache, with its age; nothing is sent.
    const repeated = await callTool(session, 'stats_aggregate', { site, date_range: '3d' })
    expect(repeated.structured?.budget).toEqual({
      cost: 0,
      remainingThisHour: 597,
      sessionRemaining: 0,
      resetsAt,
      cached: { fetchedAt: frozen.toISOString(), ageSeconds: 0 },
    })
    // Calls that send nothing are never refused.
    expect((await callTool(session, 'budget_status')).isError).toBe(false)
  })

  it('keeps the reserve of the window and the tray: the last request above it is sent, the next is refused or cached', async () => {
    const session = await mcp([], { PLAUSIBLE_HOURLY_LIMIT: '10' })
    const status = (await callTool(session, 'budget_status')).structured?.result as {
      reservedForInteractive: number
      remainingThisHour: number
    }
    expect([status.remainingThisHour, status.reservedForInteractive]).toEqual([10, 1])
    // 9 left, 1 kept: requests 1–9 are this session's to spend, the ninth leaves exactly the reserve.
    for (let days = 1; days <= 9; days += 1) {
      const answer = await callTool(session, 'stats_aggregate', { site, date_range: `${days}d` })
      expect([days, answer.isError, (answer.structured?.budget as { cost: number }).cost]).toEqual([
        days,
        false,
        1,
      ])
    }
    const refused = await callTool(session, 'stats_aggregate', { site, date_range: '10d' })
    expect([refused.isError, refused.text.split('\n')[0]]).toEqual([
      true,
      `BUDGET_EXHAUSTED: Account env has 1 requests left this hour, the 1 kept for the window and the tray; it resets at ${resetsAt}.`,
    ])
    const cached = await callTool(session, 'stats_aggregate', { site, date_range: '2d' })
    expect([cached.isError, cached.structured?.budget]).toEqual([
      false,
      {
        cost: 0,
        remainingThisHour: 1,
        sessionRemaining: null,
        resetsAt,
        cached: { fetchedAt: frozen.toISOString(), ageSeconds: 0 },
      },
    ])
    // The CLI still has the reserve.
    const fromCli = await runCli(['stats', 'aggregate', '--site', site, '--period', '30d', '--json'], {
      ...cli.env,
      PLAUSIBLE_HOURLY_LIMIT: '10',
    })
    expect(fromCli.code, fromCli.stderr).toBe(0)
  })

  it('is one budget for two MCP sessions and the CLI, counted on the ledger as the CLI', async () => {
    const first = await mcp()
    const second = await mcp()
    expect((await callTool(first, 'stats_aggregate', { site, date_range: '7d' })).isError).toBe(false)
    expect((await callTool(second, 'stats_aggregate', { site, date_range: '30d' })).isError).toBe(false)
    const fromCli = await runCli(['stats', 'aggregate', '--site', site, '--period', '6mo', '--json'], cli.env)
    expect(fromCli.code, fromCli.stderr).toBe(0)
    const seen = (await callTool(first, 'budget_status')).structured?.result as {
      usedThisHour: number
      remainingThisHour: number
      thisHourBySource: Record<string, number>
    }
    expect([seen.usedThisHour, seen.remainingThisHour, seen.thisHourBySource]).toEqual([
      3,
      597,
      { interactive: 0, cli: 3, background: 0, tray: 0 },
    ])
    const third = await callTool(second, 'stats_aggregate', { site, date_range: '12mo' })
    expect(third.structured?.budget).toMatchObject({ cost: 1, remainingThisHour: 596 })
  })
})

describe('through the app', () => {
  it("goes through the running app's control socket: the app's core answers and its ledger counts the CLI", async () => {
    // The app's side, as src/main serves it: a core with a real account and its control socket.
    const env = {
      PLAUSIBLE_CONFIG_DIR: cli.configDir,
      PLAUSIBLE_SECRET_STORE: 'file',
      PLAUSIBLE_FROZEN_TIME: frozen.toISOString(),
    }
    const core = await openCore({ configDir: cli.configDir, env })
    await core.handlers['accounts.add']({
      alias: 'team',
      baseUrl: cli.sandbox.baseUrl,
      apiKey: cli.sandbox.apiKey,
      makeDefault: true,
      verify: false,
    })
    const server = await serveControlSocket({
      path: controlSocketPath(cli.configDir),
      handlers: core.handlersFor('cli'),
    })
    try {
      const session = await startMcp([], env)
      sessions.push(session)
      const inspected = (await callTool(session, 'queue_inspect')).structured?.result as {
        worker: { state: string; pid: number | null }
      }
      // The journal's worker is the app's process (this test's): the call was answered there.
      expect(inspected.worker).toMatchObject({ state: 'this-process', pid: process.pid })
      const answer = await callTool(session, 'stats_aggregate', { site, date_range: '7d' })
      expect([answer.isError, answer.structured?.budget]).toEqual([
        false,
        { cost: 1, remainingThisHour: 599, sessionRemaining: null, resetsAt, cached: null },
      ])
      const status = await core.handlers['budget.status']({ account: 'team' })
      expect([status.usedThisHour, status.thisHourBySource?.cli]).toEqual([1, 1])
    } finally {
      await server.close()
      await core.close()
    }
  })
})

describe('writes', () => {
  it('--dry-run answers a write with the exact request, key masked, and spends nothing', async () => {
    const session = await mcp(['--allow-writes', '--dry-run'])
    const answer = await callTool(session, 'events_send', {
      event: { name: 'pageview', url: `https://${site}/pricing`, domain: site },
    })
    expect(answer.isError, answer.text).toBe(false)
    const { dryRun, budget } = answer.structured as {
      dryRun: { method: string; url: string; headers: Record<string, string>; body: unknown }
      budget: { cost: number }
    }
    expect([dryRun.method, dryRun.url, dryRun.body, budget.cost]).toEqual([
      'POST',
      `${cli.sandbox.baseUrl}/api/event`,
      { name: 'pageview', url: `https://${site}/pricing`, domain: site },
      0,
    ])
    expect(JSON.stringify(answer.structured)).not.toContain(cli.sandbox.apiKey)
    const status = (await callTool(session, 'budget_status')).structured?.result as { usedThisHour: number }
    expect(status.usedThisHour).toBe(0)
  })

  it('events_import sends each event once (the Events API costs no budget): the same batch again sends nothing', async () => {
    const session = await mcp(['--allow-writes'])
    const events = ['/', '/pricing'].map((path) => ({
      name: 'pageview',
      url: `https://${site}${path}`,
      domain: site,
    }))
    const first = await callTool(session, 'events_import', { events })
    expect(first.isError, first.text).toBe(false)
    const again = await callTool(session, 'events_import', { events })
    const summary = (answer: typeof first) => {
      const { result, budget } = answer.structured as {
        result: { sent: number; receipts: Array<{ status: string; isRepeat?: boolean }> }
        budget: { cost: number }
      }
      return [result.sent, result.receipts.map((receipt) => receipt.isRepeat === true), budget.cost]
    }
    expect([summary(first), summary(again)]).toEqual([
      [2, [false, false], 0],
      [0, [true, true], 0],
    ])
  })

  it('--allow-writes sends a goal to the sandbox', async () => {
    const session = await mcp(['--allow-writes'])
    const answer = await callTool(session, 'goals_add', { site, goalType: 'event', eventName: 'MCP Signup' })
    expect(answer.isError, answer.text).toBe(false)
    expect((answer.structured?.result as { goal: { displayName: string } }).goal.displayName).toBe(
      'MCP Signup',
    )
  })
})

describe('resources and prompts', () => {
  it('lists the site list and the agent reference, and reads them', async () => {
    const session = await mcp()
    const { resources } = await session.client.listResources()
    expect(resources.map((resource) => resource.uri)).toEqual(['plausible://sites', 'plausible://reference'])
    const sites = await session.client.readResource({ uri: 'plausible://sites' })
    const listed = JSON.parse((sites.contents[0] as { text: string }).text) as {
      accounts: Array<{ account: string; sites: Array<{ domain: string }> }>
    }
    expect(listed.accounts[0]?.account).toBe('env')
    expect(listed.accounts[0]?.sites.map((entry) => entry.domain)).toEqual(
      cli.sandbox.sites.map((entry) => entry.domain),
    )
    const reference = await session.client.readResource({ uri: 'plausible://reference' })
    const text = (reference.contents[0] as { text: string }).text
    expect(text).toContain('- `stats_aggregate` (read):')
    expect(text).toContain('need an event:goal filter or dimension')
  })

  it('offers the weekly report, the traffic change and the goal funnel, with the periods spelled out', async () => {
    const session = await mcp()
    const { prompts } = await session.client.listPrompts()
    expect(prompts.map((prompt) => prompt.name)).toEqual(['weekly-report', 'traffic-change', 'goal-funnel'])
    const weekly = await session.client.getPrompt({ name: 'weekly-report', arguments: { site } })
    const text = (weekly.messages[0]?.content as { text: string }).text
    const day = (before: number): string =>
      new Date(frozen.getTime() - before * 86_400_000).toISOString().slice(0, 10)
    expect(text.split('\n').slice(0, 3)).toEqual([
      `Write a short weekly report of ${site} for ${day(6)} to ${day(0)}, against the week before.`,
      'Use these tools of the plausible server, in this order:',
      `1. stats_aggregate {"site": "${site}", "date_range": ["${day(6)}","${day(0)}"]} and the same with "date_range": ["${day(13)}","${day(7)}"]: visitors, visits, pageviews, bounce rate and visit duration, with each change in %.`,
    ])
    const funnel = await session.client.getPrompt({
      name: 'goal-funnel',
      arguments: { site, goals: 'Visit /pricing, Signup' },
    })
    expect((funnel.messages[0]?.content as { text: string }).text.split('\n')[0]).toBe(
      `Check the goal funnel of ${site} over the last 30 days (${day(29)} to ${day(0)}): the steps "Visit /pricing" → "Signup", in this order.`,
    )
  })
})

describe('the MCP Inspector (a second, independent client)', () => {
  it('lists the same tools with its --cli mode', async () => {
    const inspector = join(__dirname, '../../node_modules/.bin/mcp-inspector')
    const env = cli.env
    const args = [
      '--cli',
      ...Object.entries(env).flatMap(([name, value]) => ['-e', `${name}=${value}`]),
      '--method',
      'tools/list',
      process.execPath,
      cliPath,
      'mcp',
    ]
    const stdout = await new Promise<string>((resolve, reject) => {
      const child = spawn(inspector, args, { env: cliEnv(), stdio: ['ignore', 'pipe', 'pipe'] })
      let out = ''
      let err = ''
      child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()))
      child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()))
      child.on('error', reject)
      child.on('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`exit ${code}: ${err}`))))
    })
    const { tools } = JSON.parse(stdout) as { tools: Array<{ name: string }> }
    expect(tools.map((tool) => tool.name)).toEqual(readTools)
  })
})
