// pins.* — the sites the tray watches, across accounts; kept in glance.json, costs no request.
import type { DomainHandlers, HandlerDeps } from './types'

export function pinHandlers({ glance }: HandlerDeps): DomainHandlers<'pins'> {
  return {
    async 'pins.list'() {
      return { pins: glance.settings.read().pins }
    },
    async 'pins.set'({ pins }) {
      return { pins: (await glance.settings.setPins(pins)).pins }
    },
  }
}
