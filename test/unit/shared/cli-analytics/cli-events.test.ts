import { describe, expect, it } from 'vitest'
import { createCliEventsConverter } from '../../../../src/shared/cli-analytics/cli-events'
import type { EventInput } from '../../../../src/shared/plausible/event'
import {
  cliEventsFixture,
  fixtureExpected,
  fixtureRules,
  fixtureSecrets,
} from '../../../helpers/cli-events-fixture'

function convertFixture(): { events: EventInput[]; sessions: number } {
  const converter = createCliEventsConverter({
    site: 'cli.example.com',
    rules: fixtureRules,
    sessionKeyOf: (actor, machine) => `key:${actor.length}:${machine.length}:${actor.charCodeAt(0)}`,
  })
  const events = cliEventsFixture().flatMap((event) => converter.line(JSON.stringify(event)).events)
  return { events: [...events, ...converter.end()], sessions: converter.sessions() }
}

describe('a 200-command CLI-analytics file', () => {
  it('becomes 200 CLI Command events, 20 sessions and the expected workflows and outcomes', () => {
    const { events, sessions } = convertFixture()
    expect(sessions).toBe(fixtureExpected.sessions)
    expect(events.filter((event) => event.name === 'CLI Command')).toHaveLength(fixtureExpected.commands)
    const workflows = events.filter((event) => event.name === 'CLI Workflow').map((event) => event.props)
    const counted = new Map<string, number>()
    for (const props of workflows)
      counted.set(JSON.stringify(props), (counted.get(JSON.stringify(props)) ?? 0) + 1)
    expect([...counted].map(([props, count]) => ({ ...(JSON.parse(props) as object), count }))).toEqual(
      expect.arrayContaining(
        fixtureExpected.workflows.map(({ count, ...props }) => ({
          tool: 'shipit',
          ...props,
          ci: 'false',
          count,
        })),
      ),
    )
    expect(workflows).toHaveLength(25)
  })
  it('sends no actor, machine, path, e-mail, token or secret flag', () => {
    const text = JSON.stringify(convertFixture().events)
    for (const secret of [...fixtureSecrets, '--token', '--api-key', 'key:'])
      expect(text.includes(secret), secret).toBe(false)
  })
  it('keeps what the rules allow of a failing command', () => {
    const first = convertFixture().events.find((event) => event.props?.exit === 'failure')
    expect(first).toEqual({
      name: 'CLI Command',
      url: 'https://cli.example.com/cli/shipit/test',
      domain: 'cli.example.com',
      props: {
        tool: 'shipit',
        version: '1.4.2',
        command: 'shipit test',
        exit: 'failure',
        duration: '1-10s',
        ci: 'false',
        error: 'ConnectionError',
      },
    })
  })
  it('names a line that is not a CLI-analytics event', () => {
    const converter = createCliEventsConverter({ site: 's', rules: fixtureRules, sessionKeyOf: () => 'k' })
    expect(converter.line('{').problems).toEqual(['not JSON'])
    expect(converter.line('{"tool_name":"x"}').problems[0]).toMatch(/^timestamp: /)
  })
})
