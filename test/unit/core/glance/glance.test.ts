// The tray's files are read when first used, not when the core opens (glance.ts).
import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { openGlance } from '../../../../src/core/glance/glance'

const at = Date.parse('2026-12-07T10:00:00Z')

function folderWithBrokenFiles(): string {
  const dir = mkdtempSync(join(tmpdir(), 'plausible-glance-open-'))
  writeFileSync(join(dir, 'glance.json'), '{"version":1,"pins":"not a list"}')
  writeFileSync(join(dir, 'realtime-history.json'), 'not json')
  return dir
}

describe('openGlance', () => {
  it('reads neither file until it is used, then each on its first use, once', () => {
    const dir = folderWithBrokenFiles()
    const warnings: string[] = []
    const glance = openGlance({ configDir: dir, now: () => at, onWarning: (line) => warnings.push(line) })
    expect(glance.polling.read()).toEqual([])
    expect([warnings, readdirSync(dir).sort()]).toEqual([[], ['glance.json', 'realtime-history.json']])

    expect(glance.settings.read().pins).toEqual([])
    expect(warnings).toHaveLength(1)
    expect(warnings[0]).toContain(`${join(dir, 'glance.json')} could not be read`)
    expect(readdirSync(dir).sort()).toEqual([
      'glance.json.corrupt-2026-12-07T10-00-00-000Z',
      'realtime-history.json',
    ])

    expect(glance.history.view('work', 'example.com', at).recent).toEqual([])
    expect(glance.settings).toBe(glance.settings)
    expect(glance.history).toBe(glance.history)
    expect(warnings).toHaveLength(2)
    expect(warnings[1]).toContain(`${join(dir, 'realtime-history.json')} could not be read`)
  })

  it('closes without writing rings it never read', async () => {
    const dir = folderWithBrokenFiles()
    await openGlance({ configDir: dir, now: () => at }).close()
    expect(readdirSync(dir).sort()).toEqual(['glance.json', 'realtime-history.json'])
  })

  it('names a file that cannot be read, what it holds and the fix (CONFIG_DIR), when it is used', () => {
    const dir = mkdtempSync(join(tmpdir(), 'plausible-glance-open-'))
    mkdirSync(join(dir, 'glance.json'))
    const glance = openGlance({ configDir: dir, now: () => at })
    expect(() => glance.settings).toThrow(
      expect.objectContaining({
        code: 'CONFIG_DIR',
        message: `glance.json (the tray's settings) in the config folder ${dir} cannot be read: a folder is in the way (EISDIR).`,
      }),
    )
  })
})
