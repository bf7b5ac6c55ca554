// Where the window's renderer comes from (electron-vite's dev server, or out/renderer/index.html) and the
// URL checks derived from it: which frames may call IPC, where the window may navigate, and which links
// go to the OS browser. Plain functions, no electron import, so they are tested without a mock.
import { join, resolve } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

export type RendererLocation = { kind: 'dev-server'; url: string } | { kind: 'file'; path: string }

/**
 * The dev server URL is honoured only in an unpackaged app: a packaged app must never load a page that
 * an environment variable points at.
 */
export function resolveRendererLocation(options: {
  isPackaged: boolean
  env: Record<string, string | undefined>
  /** The folder of the built main bundle (out/main). */
  mainDir: string
}): RendererLocation {
  const devUrl = options.env.ELECTRON_RENDERER_URL
  if (!options.isPackaged && devUrl && isLoopbackHttpUrl(devUrl)) return { kind: 'dev-server', url: devUrl }
  return { kind: 'file', path: resolve(join(options.mainDir, '..', 'renderer', 'index.html')) }
}

/** The URL the window loads. */
export function rendererUrlOf(location: RendererLocation): string {
  return location.kind === 'dev-server' ? location.url : pathToFileURL(location.path).href
}

/** Where the tray opens the window: one site's dashboard, or the settings screen. */
export type WindowTarget = { account: string; site: string } | 'settings'

/**
 * The renderer's URL for a target, in the renderer's own terms: a site is `?site=&account=` (as the
 * dashboard keeps its selection, use-selection.ts), a screen is the hash (`#/settings`, use-route.ts).
 */
export function rendererUrlFor(location: RendererLocation, target: WindowTarget): string {
  const url = new URL(rendererUrlOf(location))
  if (target === 'settings') {
    url.search = ''
    url.hash = '/settings'
  } else {
    url.searchParams.set('site', target.site)
    url.searchParams.set('account', target.account)
    url.hash = ''
  }
  return url.href
}

/**
 * True when `candidate` is our renderer: the same file (query and hash ignored: the app routes with
 * them), or the same origin as the dev server.
 */
export function isRendererUrl(candidate: string, location: RendererLocation): boolean {
  const url = parseUrl(candidate)
  if (!url) return false
  if (location.kind === 'dev-server') {
    const dev = parseUrl(location.url)
    return dev !== null && url.origin === dev.origin
  }
  if (url.protocol !== 'file:' || (url.host !== '' && url.host !== 'localhost')) return false
  try {
    return resolve(fileURLToPath(new URL(url.pathname, 'file://'))) === location.path
  } catch {
    return false
  }
}

/** The link to hand to the OS browser, or null: only https leaves the app, http and other schemes are dropped. */
export function externalLinkOf(candidate: string): string | null {
  const url = parseUrl(candidate)
  return url?.protocol === 'https:' ? url.href : null
}

function isLoopbackHttpUrl(value: string): boolean {
  const url = parseUrl(value)
  return (
    url !== null &&
    (url.protocol === 'http:' || url.protocol === 'https:') &&
    ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname)
  )
}

function parseUrl(value: string): URL | null {
  try {
    return new URL(value)
  } catch {
    return null
  }
}
