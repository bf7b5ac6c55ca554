import { describe, expect, it } from 'vitest'
import { rendererUrlFor } from '../../../../src/main/renderer-location'
import { hrefOf, screenOf, screens } from '../../../../src/renderer/src/hooks/use-route'

describe('screenOf', () => {
  it('lands #/settings, as the tray opens it, on the settings screen', () => {
    expect(screenOf('#/settings')).toBe('settings')
    expect(screenOf('#settings')).toBe('settings')
    expect(screenOf('#/settings?from=tray')).toBe('settings')
  })

  it('reads every screen back from its own link, whatever the address names', () => {
    for (const screen of screens) {
      expect(screenOf(hrefOf(screen))).toBe(screen)
      expect(screenOf(hrefOf(screen), '?site=shop.example.com&account=demo')).toBe(screen)
    }
  })

  it('lands on the overview for no hash, #/ or an unknown one', () => {
    expect(screenOf('')).toBe('overview')
    expect(screenOf('#/')).toBe('overview')
    expect(screenOf('#/preferences')).toBe('overview')
    expect(screenOf('#/Settings')).toBe('overview')
    expect(screenOf('', '?period=7d')).toBe('overview')
  })

  it('opens the dashboard at #/dashboard, and for an address naming a site without a screen (the tray’s)', () => {
    expect(hrefOf('dashboard')).toBe('#/dashboard')
    expect(screenOf('#/dashboard')).toBe('dashboard')
    expect(screenOf('', '?site=shop.example.com&account=demo')).toBe('dashboard')
    expect(screenOf('#/', '?token=abc&site=shop.example.com')).toBe('dashboard')
    expect(screenOf('#/overview', '?site=shop.example.com')).toBe('overview')
  })

  it('lands the tray’s links where they point: a site on its dashboard, Settings… on settings', () => {
    const location = { kind: 'file', path: '/opt/plausible/out/renderer/index.html' } as const
    const site = new URL(rendererUrlFor(location, { account: 'work', site: 'shop.example.com' }))
    expect(screenOf(site.hash, site.search)).toBe('dashboard')
    const settings = new URL(rendererUrlFor(location, 'settings'))
    expect(screenOf(settings.hash, settings.search)).toBe('settings')
  })
})
