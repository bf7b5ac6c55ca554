import { describe, expect, it } from 'vitest'
import { dangerZoneUrl } from '../../../../src/shared/plausible/dashboard-links'

describe('dangerZoneUrl', () => {
  it('links the dashboard settings page that resets stats (there is no API for it)', () => {
    expect(dangerZoneUrl('https://plausible.io/', 'shop.example.com')).toBe(
      'https://plausible.io/shop.example.com/settings/danger-zone',
    )
    expect(dangerZoneUrl('https://stats.example/sub', 'a.com')).toBe(
      'https://stats.example/sub/a.com/settings/danger-zone',
    )
  })
})
