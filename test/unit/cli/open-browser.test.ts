import { chmod, mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { browserCommands, openBrowser } from '../../../src/cli/open-browser'

const url = 'http://127.0.0.1:4100/?token=abc'

describe('browserCommands', () => {
  it('takes $BROWSER first: each entry split on ":", the URL appended or put where %s stands', () => {
    expect(browserCommands(url, { BROWSER: 'firefox --new-tab:w3m %s -dump' }, 'linux')).toEqual([
      { command: 'firefox', args: ['--new-tab', url] },
      { command: 'w3m', args: [url, '-dump'] },
    ])
  })

  it("uses the platform's opener when $BROWSER is unset or blank", () => {
    expect(browserCommands(url, { BROWSER: ' ' }, 'darwin')).toEqual([{ command: 'open', args: [url] }])
    expect(browserCommands(url, {}, 'win32')).toEqual([{ command: 'cmd', args: ['/c', 'start', '""', url] }])
    expect(browserCommands(url, { DISPLAY: ':0' }, 'linux')).toEqual([{ command: 'xdg-open', args: [url] }])
    expect(browserCommands(url, { WAYLAND_DISPLAY: 'wayland-0' }, 'linux')).toEqual([
      { command: 'xdg-open', args: [url] },
    ])
  })

  it('offers nothing on Linux without a display, unless $BROWSER names a command', () => {
    expect(browserCommands(url, {}, 'linux')).toEqual([])
    expect(browserCommands(url, { BROWSER: 'lynx' }, 'linux')).toEqual([{ command: 'lynx', args: [url] }])
  })
})

describe('openBrowser', () => {
  it('runs the first command that exists and hands it the URL', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'opener-'))
    const script = join(dir, 'opener.sh')
    await writeFile(script, `#!/bin/sh\nprintf '%s' "$1" > "${dir}/seen"\n`)
    await chmod(script, 0o755)
    const outcome = await openBrowser(url, { BROWSER: `${dir}/missing:${script}` }, 'linux')
    expect(outcome).toEqual({ opened: true, with: script })
    await expect.poll(() => readFile(join(dir, 'seen'), 'utf8').catch(() => '')).toBe(url)
  })

  it('says why when no command could start', async () => {
    expect(await openBrowser(url, { BROWSER: '/nonexistent/browser' }, 'linux')).toEqual({
      opened: false,
      reason: '/nonexistent/browser: not found',
    })
    expect(await openBrowser(url, {}, 'linux')).toEqual({
      opened: false,
      reason: 'no display here (set BROWSER to a command that opens URLs)',
    })
  })
})
