// The tray's state in the core, opened once per process: its preferences (glance.json), the realtime
// history rings (realtime-history.json) and, where a tray polls in this process, what its polling does.
// The contract's pins.*, alerts.*, tray.* and realtime.history answer from here. Each file is read when
// first used, not when the core opens: a command that never asks (a stats read) does not pay for the
// tray's history, tens of milliseconds once the tray has sampled a few sites for a day.
import { join } from 'node:path'
import type { PollingStatus } from '../../shared/contract/glance'
import { asConfigDirError } from '../config-dir'
import { openRealtimeHistory, historyFileName, type RealtimeHistoryStore } from '../realtime/history-store'
import type { CorruptFileReport } from './json-file'
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

export function openGlance(options: {
  configDir: string
  now: () => number
  onWarning?: (message: string) => void
}): Glance {
  const { configDir, now } = options
  const warn = options.onWarning ?? (() => undefined)
  const onCorrupt = ({ path, movedTo, reason }: CorruptFileReport): void =>
    warn(`${path} could not be read (${reason}); it was moved to ${movedTo} and a fresh one was started.`)
  /** A file that cannot be read names itself, what it holds and the fix (CONFIG_DIR), as when the core opens. */
  const opened = <T>(open: () => T): T => {
    try {
      return open()
    } catch (error) {
      throw asConfigDirError(configDir, error)
    }
  }
  let settings: GlanceSettingsStore | undefined
  let history: RealtimeHistoryStore | undefined
  let polling: PollingStatus[] = []
  return {
    get settings() {
      return (settings ??= opened(() =>
        openGlanceSettings({ path: join(configDir, glanceFileName), now, onCorrupt }),
      ))
    },
    get history() {
      return (history ??= opened(() =>
        openRealtimeHistory({ path: join(configDir, historyFileName), now, onCorrupt }),
      ))
    },
    polling: {
      read: () => structuredClone(polling),
      write: (status) => void (polling = structuredClone(status)),
    },
    // Rings never read were never changed: nothing to write.
    close: async () => history?.flush(),
  }
}
