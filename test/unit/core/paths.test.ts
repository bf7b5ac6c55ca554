import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { controlPipeIdFile, controlSocketPath } from '../../../src/core/paths'

const folder = (): string => mkdtempSync(join(tmpdir(), 'plausible-paths-'))

describe('controlSocketPath', () => {
  it('is control.sock in the config folder on macOS and Linux', () => {
    expect(controlSocketPath('/home/ada/.config/Plausible Desktop', 'linux')).toBe(
      '/home/ada/.config/Plausible Desktop/control.sock',
    )
    expect(controlSocketPath('/Users/ada/Library/Application Support/Plausible Desktop', 'darwin')).toBe(
      '/Users/ada/Library/Application Support/Plausible Desktop/control.sock',
    )
  })

  it('names a Windows pipe by a random id kept 0600 in the config folder, the same for every process', () => {
    const dir = folder()
    const first = controlSocketPath(dir, 'win32')
    expect(first).toMatch(/^\\\\\.\\pipe\\plausible-desktop-[0-9a-f]{32}$/)
    const id = readFileSync(join(dir, controlPipeIdFile), 'utf8')
    expect(first.endsWith(id)).toBe(true)
    expect(statSync(join(dir, controlPipeIdFile)).mode & 0o777).toBe(0o600)
    expect(controlSocketPath(dir, 'win32')).toBe(first)
  })

  it('gives two config folders two unrelated pipe names (nothing derived from the path)', () => {
    const a = controlSocketPath(folder(), 'win32')
    const b = controlSocketPath(folder(), 'win32')
    expect(a).not.toBe(b)
  })

  it('replaces an id file a crash left empty or garbled', () => {
    for (const garbled of ['', 'abc', `${'0'.repeat(31)}g`]) {
      const dir = folder()
      writeFileSync(join(dir, controlPipeIdFile), garbled)
      const path = controlSocketPath(dir, 'win32')
      expect(path).toMatch(/plausible-desktop-[0-9a-f]{32}$/)
      expect(controlSocketPath(dir, 'win32')).toBe(path)
    }
  })
})
