import { describe, expect, it, vi } from 'vitest'
import { compileCacheDir, enableCompileCache } from '../../../src/cli/compile-cache'

describe('compileCacheDir', () => {
  it("is the OS's per-user cache folder, then plausible-desktop/compile-cache", () => {
    expect(compileCacheDir({}, 'linux', '/home/ada')).toBe('/home/ada/.cache/plausible-desktop/compile-cache')
    expect(compileCacheDir({ XDG_CACHE_HOME: '/var/cache/ada' }, 'linux', '/home/ada')).toBe(
      '/var/cache/ada/plausible-desktop/compile-cache',
    )
    expect(compileCacheDir({ XDG_CACHE_HOME: '/x' }, 'darwin', '/Users/ada')).toBe(
      '/Users/ada/Library/Caches/plausible-desktop/compile-cache',
    )
  })

  it('on Windows is under LOCALAPPDATA, or AppData/Local in the home folder without it', () => {
    expect(compileCacheDir({ LOCALAPPDATA: 'C:/Users/ada/AppData/Local' }, 'win32', 'C:/Users/ada')).toMatch(
      /^C:\/Users\/ada\/AppData\/Local[\\/]plausible-desktop[\\/]compile-cache$/,
    )
    expect(compileCacheDir({}, 'win32', 'C:/Users/ada')).toMatch(
      /^C:\/Users\/ada[\\/]AppData[\\/]Local[\\/]plausible-desktop[\\/]compile-cache$/,
    )
  })
})

describe('enableCompileCache', () => {
  it('turns the cache on in the per-user folder', () => {
    const enable = vi.fn(() => ({ status: 1 }))
    enableCompileCache({ XDG_CACHE_HOME: '/tmp/cache-home' }, enable)
    expect(enable.mock.calls).toEqual([
      [process.platform === 'linux' ? '/tmp/cache-home/plausible-desktop/compile-cache' : expect.any(String)],
    ])
  })

  it('leaves NODE_COMPILE_CACHE to Node: it turned the cache on at start, where the user chose', () => {
    const enable = vi.fn(() => ({ status: 2 }))
    enableCompileCache({ NODE_COMPILE_CACHE: '/somewhere' }, enable)
    expect(enable).not.toHaveBeenCalled()
  })

  it('starts without a cache on a Node that has none, or when turning it on throws', () => {
    expect(() => enableCompileCache({}, undefined)).not.toThrow()
    const throwing = vi.fn(() => {
      throw new Error('EACCES')
    })
    expect(() => enableCompileCache({}, throwing)).not.toThrow()
    expect(throwing).toHaveBeenCalledTimes(1)
  })
})
