// CLI usage analytics (issue 18), spawned against the sandbox: `plausible track` runs a command, returns
// its exit code and sends one event that holds nothing of its arguments; `events import --from
// cli-events` turns a 200-command file into its commands, sessions and workflows.
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { ImportsList } from '../../src/cli/commands/imports/imports-action'
import { useCliSandbox } from '../helpers/cli-sandbox'
import { cliEventsFixture, fixtureExpected, fixtureRules } from '../helpers/cli-events-fixture'
import { runCli } from '../helpers/spawn-cli'

const cli = useCliSandbox({ mode: 'ce' })
/** Not under CI, whatever runs these tests (CI=true there): the events say ci "false". */
const notCi = (): Record<string, string> => ({ ...cli.env, CI: '' })
const site = 'shop.example.com'
const seeded = [
  '--token=ghp_0123456789abcdefTOKEN',
  '--password',
  'hunter2value',
  '/home/alice/secret-plans.txt',
  'alice@example.com',
  '--output=/tmp/out.txt',
  '--verbose',
]

describe('plausible track', () => {
  it('exits with the command’s code and sends one event holding no argument value, path, e-mail or token', async () => {
    const before = cli.sandbox.acceptedEvents().length
    const result = await runCli(
      ['track', '--site', site, '--', 'sh', '-c', 'echo out; echo err >&2; exit 3', ...seeded],
      notCi(),
    )
    expect(result.code).toBe(3)
    expect(result.stdout).toBe('out\n')
    expect(result.stderr).toBe('err\n')
    const received = cli.sandbox.acceptedEvents().slice(before)
    expect(received).toHaveLength(1)
    expect(received[0]).toMatchObject({
      name: 'CLI Command',
      pathname: '/cli/sh',
      props: {
        tool: 'sh',
        command: 'sh',
        flags: '--output --verbose -c',
        exit: 'failure',
        duration: '<1s',
        ci: 'false',
      },
    })
    const sent = JSON.stringify({ url: received[0]!.url, props: received[0]!.props })
    for (const secret of [
      'ghp_',
      'TOKEN',
      'hunter2',
      '/home/',
      '/tmp/',
      'alice',
      '@',
      '--token',
      '--password',
    ])
      expect(sent.includes(secret), secret).toBe(false)
  })

  it('ends a workflow: a test command that succeeds sends CLI Workflow SUCCESS beside its CLI Command', async () => {
    const before = cli.sandbox.acceptedEvents().length
    const result = await runCli(['track', '--site', site, '--', 'false', 'test'], notCi())
    expect(result.code).toBe(1)
    const again = await runCli(['track', '--site', site, '--', 'true', 'test'], notCi())
    expect(again.code).toBe(0)
    const received = cli.sandbox.acceptedEvents().slice(before)
    expect(received.map((event) => [event.name, event.props.command ?? event.props.outcome])).toEqual([
      ['CLI Command', 'false test'],
      ['CLI Command', 'true test'],
      ['CLI Workflow', 'SUCCESS'],
    ])
    expect(received[2]!.props).toEqual({
      tool: 'false',
      workflow: 'test',
      outcome: 'SUCCESS',
      steps: '2',
      ci: 'false',
    })
  })

  it('with --dry-run runs the command, prints what would be sent and sends nothing', async () => {
    const before = cli.sandbox.events().received
    const result = await runCli(
      ['track', '--site', site, '--dry-run', '--', 'true', '--api-key=abc'],
      notCi(),
    )
    expect(result.code).toBe(0)
    expect(result.stderr).toBe(
      `plausible track --dry-run: would send ${JSON.stringify({
        name: 'CLI Command',
        url: `https://${site}/cli/true`,
        domain: site,
        props: { tool: 'true', command: 'true', exit: 'success', duration: '<1s', ci: 'false' },
      })}\n`,
    )
    expect(cli.sandbox.events().received).toBe(before)
  })
})

describe('plausible events import --from cli-events', () => {
  it('turns 200 CLI commands into 200 CLI Command events and the 25 workflow runs they make', async () => {
    const file = join(cli.configDir, 'usage.ndjson')
    writeFileSync(
      file,
      cliEventsFixture()
        .map((event) => JSON.stringify(event))
        .join('\n'),
      { mode: 0o600 },
    )
    const rules = join(cli.configDir, 'rules.json')
    writeFileSync(rules, JSON.stringify(fixtureRules), { mode: 0o600 })
    const before = cli.sandbox.acceptedEvents().length
    const result = await runCli(
      ['events', 'import', '--from', 'cli-events', file, '--site', site, '--workflows', rules, '--json'],
      cli.env,
    )
    expect(result.code, result.stdout + result.stderr).toBe(0)
    expect(JSON.parse(result.stdout)).toMatchObject({ events: 225, delivered: 225, invalid: [] })
    const received = cli.sandbox.acceptedEvents().slice(before)
    expect(received.filter((event) => event.name === 'CLI Command')).toHaveLength(fixtureExpected.commands)
    const outcomes = received
      .filter((event) => event.name === 'CLI Workflow')
      .map((event) => `${event.props.workflow} ${event.props.outcome} ${event.props.failing_step ?? '-'}`)
      .sort()
    expect(outcomes).toEqual(
      fixtureExpected.workflows
        .flatMap(({ workflow, outcome, failing_step, count }) =>
          Array<string>(count).fill(`${workflow} ${outcome} ${failing_step ?? '-'}`),
        )
        .sort(),
    )
    const { imports } = JSON.parse(
      (await runCli(['imports', 'list', '--json'], cli.env)).stdout,
    ) as ImportsList
    expect(imports[0]).toMatchObject({
      source: { path: file, format: 'cli-events' },
      linesRead: 200,
      accepted: 225,
      names: { 'CLI Command': 200, 'CLI Workflow': 25 },
    })
  })

  it('needs --site, and names a source line that is not a CLI-analytics event', async () => {
    const file = join(cli.configDir, 'usage.ndjson')
    writeFileSync(file, 'not json\n', { mode: 0o600 })
    const missing = await runCli(['events', 'import', '--from', 'cli-events', file], cli.env)
    expect([missing.code, missing.stderr.split('\n')[0]]).toEqual([
      2,
      'error: --from cli-events needs --site: CLI usage events name no site.',
    ])
    const bad = await runCli(['events', 'import', '--from', 'cli-events', file, '--site', site], cli.env)
    expect(bad.code).toBe(8)
    expect(bad.stderr).toContain(`${file}:1: not JSON (skipped)`)
  })
})
