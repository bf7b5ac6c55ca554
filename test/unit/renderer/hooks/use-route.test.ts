import { describe, expect, it } from 'vitest'
import { hrefOf, screenOf, screens } from '../../../../src/renderer/src/hooks/use-route'

describe('screenOf', () => {
  it('lands #/settings, as the tray opens it, on the settings screen', () => {
    expect(screenOf('#/settings')).toBe('settings')
    expect(screenOf('#settings')).toBe('settings')
    expect(screenOf('#/settings?from=tray')).toBe('settings')
  })

  it('reads every screen back from its own link', () => {
    for (const screen of screens) expect(screenOf(hrefOf(screen))).toBe(screen)
  })

  it('falls back to the dashboard for no hash or an unknown one', () => {
    expect(screenOf('')).toBe('dashboard')
    expect(screenOf('#/')).toBe('dashboard')
    expect(screenOf('#/preferences')).toBe('dashboard')
    expect(screenOf('#/Settings')).toBe('dashboard')
  })
})
