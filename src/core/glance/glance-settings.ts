// The tray's and the overview's preferences in `<configDir>/glance.json`: pinned sites, alert rules, start
// at login, calm mode, polling paused, fetching site icons, the /metrics endpoint. Loaded once when the core opens, written atomically on every change; listeners (the
// tray, the login item) hear each change. Never a secret.
import { mkdir } from 'node:fs/promises'
import { dirname } from 'node:path'
import { z } from 'zod'
import { lazySchema } from '../../shared/lazy-schema'
import {
  AlertSettings,
  PinList,
  TraySettings,
  type PinnedSite,
  type AlertSettings as AlertSettingsValue,
  type TraySettings as TraySettingsValue,
} from '../../shared/contract/glance'
import {
  MetricsEndpointSettings,
  type MetricsEndpointSettings as MetricsEndpointSettingsValue,
} from '../../shared/contract/metrics-endpoint'
import { defaultMetricsAddress } from '../metrics/listen-address'
import { writeFileAtomic } from '../budget/atomic-file'
import { readJsonFileSync, type CorruptFileReport } from './json-file'

export const glanceFileName = 'glance.json'

const GlanceFile = lazySchema(() =>
  z.object({
    version: z.literal(1),
    pins: PinList,
    alerts: AlertSettings,
    tray: TraySettings,
    /** Off unless the user turns it on in Settings (a file from before this field reads as off). */
    siteIcons: z.object({ fetch: z.boolean() }).default({ fetch: false }),
    /** Off unless the user turns it on in Settings (a file from before this field reads as off). */
    metricsEndpoint: MetricsEndpointSettings.default(defaultMetricsEndpoint()),
  }),
)
export type GlanceSettings = z.infer<typeof GlanceFile>

/** Plausible's own spike mails come at most twice a day (peers.md §2); a desktop can afford a few an hour. */
export const defaultGlanceSettings = (): GlanceSettings => ({
  version: 1,
  pins: [],
  alerts: { enabled: true, rules: [], quietHours: null, maxPerHour: 4 },
  tray: { startAtLogin: false, calm: false, isPollingPaused: false },
  siteIcons: { fetch: false },
  metricsEndpoint: defaultMetricsEndpoint(),
})

function defaultMetricsEndpoint(): MetricsEndpointSettingsValue {
  return { enabled: false, address: defaultMetricsAddress, allowNonLoopback: false }
}

export interface GlanceSettingsStore {
  read(): GlanceSettings
  setPins(pins: PinnedSite[]): Promise<GlanceSettings>
  updateAlerts(change: Partial<AlertSettingsValue>): Promise<GlanceSettings>
  updateTray(change: Partial<TraySettingsValue>): Promise<GlanceSettings>
  updateSiteIcons(change: { fetch: boolean }): Promise<GlanceSettings>
  updateMetricsEndpoint(change: Partial<MetricsEndpointSettingsValue>): Promise<GlanceSettings>
  /** Called after every change with the new settings; returns the unsubscribe. */
  onChange(listener: (settings: GlanceSettings) => void): () => void
}

export function openGlanceSettings(options: {
  path: string
  now: () => number
  onCorrupt?: (report: CorruptFileReport) => void
}): GlanceSettingsStore {
  let current = readJsonFileSync(options.path, GlanceFile, options) ?? defaultGlanceSettings()
  const listeners = new Set<(settings: GlanceSettings) => void>()
  // Writes are chained so two quick changes land in order.
  let writing: Promise<unknown> = Promise.resolve()

  async function save(next: GlanceSettings): Promise<GlanceSettings> {
    const parsed = GlanceFile.parse(next)
    current = parsed
    const write = writing.then(async () => {
      await mkdir(dirname(options.path), { recursive: true, mode: 0o700 })
      await writeFileAtomic(options.path, `${JSON.stringify(parsed, null, 2)}\n`)
    })
    writing = write.catch(() => undefined)
    await write
    for (const listener of listeners) listener(parsed)
    return parsed
  }

  return {
    read: () => structuredClone(current),
    // An unpinned site is no longer sampled, so its alert lines could never fire: they go in the same write.
    setPins: (pins) =>
      save({
        ...current,
        pins,
        alerts: {
          ...current.alerts,
          rules: current.alerts.rules.filter((rule) =>
            pins.some((pin) => pin.account === rule.account && pin.site === rule.site),
          ),
        },
      }),
    updateAlerts: (change) => save({ ...current, alerts: { ...current.alerts, ...change } }),
    updateTray: (change) => save({ ...current, tray: { ...current.tray, ...change } }),
    updateSiteIcons: (change) => save({ ...current, siteIcons: { ...current.siteIcons, ...change } }),
    updateMetricsEndpoint: (change) =>
      save({ ...current, metricsEndpoint: { ...current.metricsEndpoint, ...change } }),
    onChange(listener) {
      listeners.add(listener)
      return () => void listeners.delete(listener)
    },
  }
}
