import { existsSync, mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { autostartDir, autostartEntry, setAutostart } from '../../../../src/core/install/autostart'

describe('Linux autostart', () => {
  it('writes an XDG autostart entry that starts the tray hidden, and removes it when turned off', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'plausible-autostart-')), 'autostart')
    await setAutostart({ dir, executable: '/opt/Plausible Desktop/plausible-desktop', isEnabled: true })
    const entry = readFileSync(join(dir, 'plausible-desktop.desktop'), 'utf8')
    expect(entry).toContain('Exec="/opt/Plausible Desktop/plausible-desktop" --hidden\n')
    expect(entry.startsWith('[Desktop Entry]\nType=Application\nName=Plausible Desktop\n')).toBe(true)
    await setAutostart({ dir, executable: '/opt/x', isEnabled: false })
    expect(existsSync(join(dir, 'plausible-desktop.desktop'))).toBe(false)
    // Turning off twice is fine.
    await setAutostart({ dir, executable: '/opt/x', isEnabled: false })
  })

  it('quotes only what needs quoting, and lives under XDG_CONFIG_HOME', () => {
    expect(autostartEntry('/usr/bin/plausible-desktop')).toContain(
      'Exec=/usr/bin/plausible-desktop --hidden\n',
    )
    expect(autostartDir({ XDG_CONFIG_HOME: '/x/config' }, '/home/ada')).toBe('/x/config/autostart')
    expect(autostartDir({}, '/home/ada')).toBe('/home/ada/.config/autostart')
  })
})
