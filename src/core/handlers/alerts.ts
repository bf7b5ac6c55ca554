// alerts.* — spike and drop rules per site, quiet hours and the hourly cap; kept in glance.json.
import type { DomainHandlers, HandlerDeps } from './types'

export function alertHandlers({ glance }: HandlerDeps): DomainHandlers<'alerts'> {
  return {
    async 'alerts.get'() {
      return glance.settings.read().alerts
    },
    async 'alerts.set'(change) {
      return (await glance.settings.updateAlerts(change)).alerts
    },
  }
}
