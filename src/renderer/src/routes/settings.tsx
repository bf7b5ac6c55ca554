// The settings screen (the tray's "Settings…" opens it at #/settings): which sites the tray watches and in
// what order, spike and drop alerts, and the tray's switches. Everything is read from and saved to the core
// (pins.*, alerts.*, tray.* in glance.json), so the tray, the CLI and this window always agree.
import { useQuery } from '@tanstack/react-query'
import { useApi } from '../api/client'
import { useAlertSettings, usePins, useSites, useTrayState } from '../api/queries'
import { ErrorPanel } from '../components/error-panel'
import { ScreenFrame } from '../components/screen-frame'
import { AlertsCard } from '../components/settings/alerts-card'
import { McpCard } from '../components/settings/mcp-card'
import { MetricsEndpointCard } from '../components/settings/metrics-endpoint-card'
import { AppearanceCard } from '../components/settings/appearance-card'
import { PinnedSitesCard } from '../components/settings/pinned-sites-card'
import { ReportSchedulesCard } from '../components/settings/report-schedules-card'
import { SiteIconsCard } from '../components/settings/site-icons-card'
import { TrayCard } from '../components/settings/tray-card'

export function SettingsScreen(): React.JSX.Element {
  const sites = useSites()
  const pins = usePins()
  const alerts = useAlertSettings()
  const tray = useTrayState()
  const api = useApi()
  const schedules = useQuery({
    queryKey: ['reportSchedules.list', {}] as const,
    queryFn: () => api['reportSchedules.list']({}),
  })
  const failed = [pins, alerts, tray].find((query) => query.error && !query.data)
  const state = failed ? 'error' : pins.data && alerts.data && tray.data ? 'ready' : 'loading'
  return (
    <ScreenFrame
      screen="settings"
      title="Settings"
      intro="What the tray watches and when it speaks up. Switches save at once; lines, quiet hours and the cap save with their button."
      state={state}
    >
      {failed?.error ? <ErrorPanel error={failed.error} onRetry={() => void failed.refetch()} /> : null}
      {pins.data && alerts.data ? <PinnedSitesCard pins={pins.data.pins} sites={sites} /> : null}
      {pins.data && alerts.data && tray.data ? (
        <AlertsCard pins={pins.data.pins} alerts={alerts.data} tray={tray.data.settings} />
      ) : null}
      {tray.data ? <TrayCard tray={tray.data} pinCount={pins.data?.pins.length ?? 0} /> : null}
      {schedules.data ? <ReportSchedulesCard list={schedules.data} sites={sites} /> : null}
      <SiteIconsCard />
      <McpCard />
      <MetricsEndpointCard />
      <AppearanceCard />
    </ScreenFrame>
  )
}
