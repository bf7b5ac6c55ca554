// Shows the poller's spike and drop alerts as desktop notifications; a click opens that site's dashboard.
// The decision (thresholds, quiet hours, the hourly cap, calm wording) was made in core/glance/alerts.ts.
import { Notification } from 'electron'
import type { AlertNotification } from '../core/glance/alerts'

export function showAlert(
  alert: AlertNotification,
  onClick: (target: { account: string; site: string }) => void,
): boolean {
  if (!Notification.isSupported()) return false
  const notification = new Notification({ title: alert.title, body: alert.body, silent: false })
  notification.on('click', () => onClick({ account: alert.account, site: alert.site }))
  notification.show()
  return true
}
