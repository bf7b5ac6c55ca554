// The tray's state in the core, opened once per process: its preferences (glance.json), the realtime
// history rings (realtime-history.json) and, where a tray polls in this process, what its polling does.
// The contract's pins.*, alerts.*, tray.* and realtime.history answer from here.
import { join } from 'node:path'
import type { PollingStatus } from '../../shared/contract/glance'
import { openRealtimeHistory, historyFileName, type RealtimeHistoryStore } from '../realtime/history-store'
import { glanceFileName, openGlanceSettings, type GlanceSettingsStore } from './glance-settings'

export interface PollingBoard {
  /** Empty unless a tray polls in this process. */
  read(): PollingStatus[]
  write(status: PollingStatus[]): void
}

export interface Glance {
  settings: GlanceSettingsStore
  history: RealtimeHistoryStore
  polling: PollingBoard
  close(): Promise<void>
}

export async function openGlance(options: {
  configDir: string
  now: () => number
  onWarning?: (message: string) => void
}): Promise<Glance> {
  const warn = options.onWarning ?? (() => undefined)
  const onCorrupt = ({ path, movedTo, reason }: { path: string; movedTo: string; reason: string }): void =>
    warn(`${path} could not be read (${reason}); it was moved to ${movedTo} and a fresh one was started.`)
  const [settings, history] = await Promise.all([
    openGlanceSettings({ path: join(options.configDir, glanceFileName), now: options.now, onCorrupt }),
    openRealtimeHistory({ path: join(options.configDir, historyFileName), now: options.now, onCorrupt }),
  ])
  let polling: PollingStatus[] = []
  return {
    settings,
    history,
    polling: {
      read: () => structuredClone(polling),
      write: (status) => void (polling = structuredClone(status)),
    },
    close: () => history.flush(),
  }
}
