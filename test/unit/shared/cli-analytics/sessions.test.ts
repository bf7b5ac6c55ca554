import { describe, expect, it } from 'vitest'
import {
  addCommand,
  emptySessionState,
  endIdleSessions,
  sessionIdleMs,
  type CliCommand,
  type WorkflowRule,
} from '../../../../src/shared/cli-analytics/sessions'

const rules: WorkflowRule[] = [
  { workflow: 'release', steps: ['build', 'test', 'publish'] },
  { workflow: 'deploy', steps: ['deploy'] },
]
const command = (at: number, path: string, exitCode = 0, sessionKey = 'k1'): CliCommand => ({
  at,
  sessionKey,
  tool: 'shipit',
  command: path.split(' '),
  exitCode,
  ci: false,
})

describe('sessions', () => {
  it('keeps a command exactly 30 minutes after the last in the same session', () => {
    const state = emptySessionState()
    expect(addCommand(state, command(0, 'status'), rules).isNewSession).toBe(true)
    expect(addCommand(state, command(sessionIdleMs, 'status'), rules).isNewSession).toBe(false)
  })
  it('starts a new session one second past 30 idle minutes, and ends the open run there', () => {
    const state = emptySessionState()
    addCommand(state, command(0, 'build'), rules)
    addCommand(state, command(60_000, 'test', 1), rules)
    const next = addCommand(state, command(60_000 + sessionIdleMs + 1_000, 'status'), rules)
    expect(next.isNewSession).toBe(true)
    expect(next.results).toEqual([
      { tool: 'shipit', workflow: 'release', outcome: 'FAILED', steps: 2, failingStep: 'test', ci: false },
    ])
  })
  it('keeps one person’s session apart from another’s', () => {
    const state = emptySessionState()
    addCommand(state, command(0, 'status', 0, 'a'), rules)
    expect(addCommand(state, command(1_000, 'status', 0, 'b'), rules).isNewSession).toBe(true)
    expect(addCommand(state, command(2_000, 'status', 0, 'a'), rules).isNewSession).toBe(false)
  })
})

describe('workflows', () => {
  it('ends SUCCESS when the last step succeeds, counting retries as steps', () => {
    const state = emptySessionState()
    expect(addCommand(state, command(0, 'build'), rules).results).toEqual([])
    expect(addCommand(state, command(1, 'test', 1), rules).results).toEqual([])
    expect(addCommand(state, command(2, 'test'), rules).results).toEqual([])
    expect(addCommand(state, command(3, 'publish --tag'), rules).results).toEqual([
      { tool: 'shipit', workflow: 'release', outcome: 'SUCCESS', steps: 4, failingStep: null, ci: false },
    ])
  })
  it('ends ABANDONED when another workflow starts before the last step, with nothing failing', () => {
    const state = emptySessionState()
    addCommand(state, command(0, 'build'), rules)
    addCommand(state, command(1, 'lint'), rules)
    expect(addCommand(state, command(2, 'deploy'), rules).results).toEqual([
      { tool: 'shipit', workflow: 'release', outcome: 'ABANDONED', steps: 1, failingStep: null, ci: false },
      { tool: 'shipit', workflow: 'deploy', outcome: 'SUCCESS', steps: 1, failingStep: null, ci: false },
    ])
  })
  it('ends FAILED at the failing step when the session goes idle after it', () => {
    const state = emptySessionState()
    addCommand(state, command(0, 'deploy', 2), rules)
    expect(endIdleSessions(state, sessionIdleMs)).toEqual([])
    expect(endIdleSessions(state, sessionIdleMs + 1)).toEqual([
      { tool: 'shipit', workflow: 'deploy', outcome: 'FAILED', steps: 1, failingStep: 'deploy', ci: false },
    ])
    expect(state.sessions).toEqual({})
  })
  it('matches a step as a prefix of whole words only', () => {
    const state = emptySessionState()
    expect(addCommand(state, command(0, 'deployment'), rules).results).toEqual([])
    expect(addCommand(state, command(1, 'deploy prod'), rules).results).toHaveLength(1)
  })
})
