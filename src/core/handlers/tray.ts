// tray.* — the tray's preferences (start at login, calm mode, polling paused) and what its polling does.
import type { DomainHandlers, HandlerDeps } from './types'

export function trayHandlers({ glance }: HandlerDeps): DomainHandlers<'tray'> {
  return {
    async 'tray.get'() {
      return { settings: glance.settings.read().tray, polling: glance.polling.read() }
    },
    async 'tray.set'(change) {
      const { tray } = await glance.settings.updateTray(change)
      return { settings: tray, polling: glance.polling.read() }
    },
  }
}
