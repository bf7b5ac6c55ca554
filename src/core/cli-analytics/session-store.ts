// `plausible track`'s sessions between runs: the state of sessions.ts in <config>/cli-analytics/
// sessions.json, replaced atomically. Lost or unreadable, it starts over: a session is a hint, not a record.
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { emptySessionState, type SessionState } from '../../shared/cli-analytics/sessions'
import { writeFileAtomic } from '../budget/atomic-file'
import { cliAnalyticsFolder } from './session-keys'

export async function readSessionState(configDir: string): Promise<SessionState> {
  try {
    const value = JSON.parse(
      await readFile(join(configDir, cliAnalyticsFolder, 'sessions.json'), 'utf8'),
    ) as unknown
    if (value && typeof value === 'object' && 'sessions' in value) return value as SessionState
  } catch {
    // Missing or cut short: no session is open.
  }
  return emptySessionState()
}

export async function writeSessionState(configDir: string, state: SessionState): Promise<void> {
  await writeFileAtomic(join(configDir, cliAnalyticsFolder, 'sessions.json'), JSON.stringify(state), 0o600, {
    durable: false,
  })
}
