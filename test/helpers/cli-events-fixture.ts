// A CLI-analytics events file of 200 commands whose sessions, workflows and outcomes are known by
// construction: 20 sessions of 10 commands (two people, taking turns, 40 minutes apart, so each person's
// sessions are 80 minutes apart), five of each scenario below under `fixtureRules`. Some lines carry what
// must never leave the machine: paths, e-mails, tokens, secret flags.
import type { CliAnalyticsEvent } from '../../src/shared/cli-analytics/cli-events'

export const fixtureRules = [
  { workflow: 'release', steps: ['build', 'test', 'publish'] },
  { workflow: 'deploy', steps: ['deploy'] },
]

/** Each scenario's commands: the command path and its exit code; `status` fills each session to 10. */
const scenarios: Array<Array<[string[], number]>> = [
  // release SUCCESS in 3 steps
  [
    [['build'], 0],
    [['test'], 0],
    [['publish'], 0],
  ],
  // release FAILED at test, 3 steps (the session ends on the failure)
  [
    [['build'], 0],
    [['test'], 1],
    [['test'], 1],
  ],
  // release ABANDONED after 2 steps (deploy starts another workflow), then deploy SUCCESS in 1
  [
    [['build'], 0],
    [['test'], 0],
    [['deploy', '/home/bob/app'], 0],
  ],
  // deploy FAILED, 2 steps
  [
    [['deploy'], 1],
    [['deploy'], 1],
  ],
]

export const fixtureSecrets = ['/home/', 'bob@example.com', 'ghp_', 'hunter2', 's3cr3t', 'alice', 'laptop-']

export function cliEventsFixture(start = Date.parse('2025-03-03T09:00:00Z')): CliAnalyticsEvent[] {
  const events: CliAnalyticsEvent[] = []
  for (let session = 0; session < 20; session += 1) {
    const actor = session % 2 === 0 ? 'alice' : 'bob'
    const commands = [...scenarios[Math.floor(session / 5)]!]
    while (commands.length < 10) commands.push([['status'], 0])
    commands.forEach(([path, exit], index) =>
      events.push({
        timestamp: new Date(start + session * 40 * 60_000 + index * 60_000).toISOString(),
        tool_name: 'shipit',
        tool_version: '1.4.2',
        command_path: path,
        flags_present: index === 0 ? ['--verbose', '--token', '--api-key', 'output'] : [],
        exit_code: exit,
        duration_ms: 1_500 * (index + 1),
        error_type:
          exit === 0
            ? null
            : `ConnectionError: ${actor}@example.com could not reach /home/${actor}/app with ghp_s3cr3t`,
        actor_id: `${actor}@example.com`,
        machine_id: `laptop-${actor}`,
        session_hint: 'hunter2',
        ci_detected: false,
      }),
    )
  }
  return events
}

/** What the fixture must become. */
export const fixtureExpected = {
  commands: 200,
  sessions: 20,
  workflows: [
    { workflow: 'release', outcome: 'SUCCESS', steps: '3', count: 5 },
    { workflow: 'release', outcome: 'FAILED', steps: '3', failing_step: 'test', count: 5 },
    { workflow: 'release', outcome: 'ABANDONED', steps: '2', count: 5 },
    { workflow: 'deploy', outcome: 'SUCCESS', steps: '1', count: 5 },
    { workflow: 'deploy', outcome: 'FAILED', steps: '2', failing_step: 'deploy', count: 5 },
  ],
}
