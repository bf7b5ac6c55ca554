import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  externalLinkOf,
  isRendererUrl,
  rendererUrlFor,
  rendererUrlOf,
  resolveRendererLocation,
  type RendererLocation,
} from '../../../src/main/renderer-location'

const mainDir = resolve('/opt/plausible/out/main')
const file: RendererLocation = { kind: 'file', path: resolve('/opt/plausible/out/renderer/index.html') }
const dev: RendererLocation = { kind: 'dev-server', url: 'http://localhost:5173/' }

describe('resolveRendererLocation', () => {
  it('uses out/renderer/index.html beside the main bundle', () => {
    expect(resolveRendererLocation({ isPackaged: false, env: {}, mainDir })).toEqual(file)
  })

  it("uses electron-vite's dev server in an unpackaged app", () => {
    const env = { ELECTRON_RENDERER_URL: 'http://localhost:5173/' }
    expect(resolveRendererLocation({ isPackaged: false, env, mainDir })).toEqual(dev)
  })

  it('ignores ELECTRON_RENDERER_URL in a packaged app', () => {
    const env = { ELECTRON_RENDERER_URL: 'http://localhost:5173/' }
    expect(resolveRendererLocation({ isPackaged: true, env, mainDir })).toEqual(file)
  })

  it('ignores a dev server URL that is not on loopback', () => {
    const env = { ELECTRON_RENDERER_URL: 'https://evil.example/' }
    expect(resolveRendererLocation({ isPackaged: false, env, mainDir })).toEqual(file)
  })
})

describe('isRendererUrl', () => {
  it('accepts the renderer file with any hash or query, and nothing else on disk', () => {
    const url = rendererUrlOf(file)
    expect(isRendererUrl(url, file)).toBe(true)
    expect(isRendererUrl(`${url}#/sites/example.com`, file)).toBe(true)
    expect(isRendererUrl(`${url}?period=7d`, file)).toBe(true)
    expect(isRendererUrl(rendererUrlOf({ kind: 'file', path: resolve('/tmp/index.html') }), file)).toBe(false)
    expect(
      isRendererUrl(
        rendererUrlOf({ kind: 'file', path: resolve('/opt/plausible/out/renderer/evil.html') }),
        file,
      ),
    ).toBe(false)
  })

  it('rejects other schemes, remote hosts and garbage for the file renderer', () => {
    expect(isRendererUrl('https://evil.example/opt/plausible/out/renderer/index.html', file)).toBe(false)
    expect(isRendererUrl('file://evil.example/opt/plausible/out/renderer/index.html', file)).toBe(false)
    expect(isRendererUrl('not a url', file)).toBe(false)
  })

  it("accepts the dev server's origin only", () => {
    expect(isRendererUrl('http://localhost:5173/#/sites', dev)).toBe(true)
    expect(isRendererUrl('http://localhost:5174/', dev)).toBe(false)
    expect(isRendererUrl('http://127.0.0.1:5173/', dev)).toBe(false)
    expect(isRendererUrl(rendererUrlOf(file), dev)).toBe(false)
  })
})

describe('externalLinkOf', () => {
  it('hands only https links to the OS browser', () => {
    expect(externalLinkOf('https://plausible.io/docs')).toBe('https://plausible.io/docs')
    expect(externalLinkOf('http://plausible.io/docs')).toBeNull()
    expect(externalLinkOf('file:///etc/passwd')).toBeNull()
    expect(externalLinkOf('javascript:alert(1)')).toBeNull()
    expect(externalLinkOf('smb://server/share')).toBeNull()
    expect(externalLinkOf('::')).toBeNull()
  })
})

describe('rendererUrlFor', () => {
  it("opens a site's dashboard with ?site=&account=, as the renderer reads its selection", () => {
    const url = rendererUrlFor(file, { account: 'work', site: 'shop.example.com' })
    expect(url).toBe('file:///opt/plausible/out/renderer/index.html?site=shop.example.com&account=work')
    expect(isRendererUrl(url, file)).toBe(true)
    expect(rendererUrlFor(dev, { account: 'demo', site: 'a b&c.example' })).toBe(
      'http://localhost:5173/?site=a+b%26c.example&account=demo',
    )
  })

  it('opens the settings screen at #/settings, with no site left in the address', () => {
    const url = rendererUrlFor(file, 'settings')
    expect(url).toBe('file:///opt/plausible/out/renderer/index.html#/settings')
    expect(isRendererUrl(url, file)).toBe(true)
    expect(
      rendererUrlFor({ kind: 'dev-server', url: 'http://localhost:5173/?site=x#/queue' }, 'settings'),
    ).toBe('http://localhost:5173/#/settings')
  })
})
