// The renderer's one door to the core: the preload bridge in the app, HTTP to `plausible ui` in a browser.
// Nothing else in the renderer touches window.plausible or the token.
import { createContext, useContext } from 'react'
import type { PlausibleApi } from '../../../shared/contract/calls'
import { createApiClient, type Transport } from '../../../shared/contract/client'
import type { PlausibleBridge } from '../../../shared/contract/bridge'
import { callPath, uiTokenHeader } from '../../../shared/contract/http-route'
import type { Wire } from '../../../shared/contract/wire'
import { PlausibleError } from '../../../shared/errors'

/** Where `plausible ui`'s token is kept once read from the URL: this tab only, gone when it closes. */
export const tokenStorageKey = 'plausible-ui-token'

/** The preload's `window.plausible`: already one function per call, resolving to an envelope. */
export function bridgeTransport(bridge: PlausibleBridge): Transport {
  return async (name, input) => {
    // A preload older than this renderer may lack a call; say so instead of throwing a TypeError.
    const call = bridge[name] as ((input: unknown) => Promise<Wire<unknown>>) | undefined
    if (typeof call !== 'function') return unreachable(`The app does not offer ${name}.`)
    return call(input)
  }
}

/** `POST /api/call/<name>` on the page's own origin, the token in a header (never a cookie). */
export function httpTransport(token: string | null, fetchImpl: typeof fetch = fetch): Transport {
  return async (name, input) => {
    let response: Response
    try {
      response = await fetchImpl(callPath(name), {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { [uiTokenHeader]: token } : {}) },
        body: JSON.stringify(input ?? {}),
        cache: 'no-store',
      })
    } catch {
      return unreachable()
    }
    // The host answers every call, refusals included, with an envelope; anything else is not our host.
    try {
      const wire = (await response.json()) as Wire<unknown>
      if (typeof wire === 'object' && wire !== null && typeof wire.ok === 'boolean') return wire
    } catch {
      // fall through
    }
    return unreachable(`The dashboard server answered ${response.status} without a result.`)
  }
}

function unreachable(message = 'The dashboard server did not answer.'): Wire<never> {
  const error = new PlausibleError('APP_UNREACHABLE', {
    message,
    hint: 'Check that `plausible ui` (or the app) is still running, then reload this page.',
  })
  return { ok: false, error: error.toWire() }
}

interface PageEnv {
  location: Pick<Location, 'href'>
  history: Pick<History, 'replaceState' | 'state'>
  storage: Pick<Storage, 'getItem' | 'setItem'>
}

/**
 * Reads `?token=` once, keeps it in sessionStorage (so a reload still works) and removes it from the
 * address bar, so it does not linger in history, bookmarks or screenshots.
 */
export function takeUiToken(env: PageEnv): string | null {
  const url = new URL(env.location.href)
  const fromUrl = url.searchParams.get('token')
  if (fromUrl) {
    env.storage.setItem(tokenStorageKey, fromUrl)
    url.searchParams.delete('token')
    env.history.replaceState(env.history.state, '', `${url.pathname}${url.search}${url.hash}`)
    return fromUrl
  }
  return env.storage.getItem(tokenStorageKey)
}

/** The API for this page: the bridge when the preload put one there, else HTTP to `plausible ui`. */
export function createRendererApi(win: Window = window): PlausibleApi {
  if (win.plausible) return createApiClient(bridgeTransport(win.plausible))
  const token = takeUiToken({ location: win.location, history: win.history, storage: win.sessionStorage })
  return createApiClient(httpTransport(token))
}

/** True in the desktop app (the preload's bridge is there), false in a browser on `plausible ui`. */
export function isDesktopApp(win: Pick<Window, 'plausible'> = window): boolean {
  return Boolean(win.plausible)
}

/** Components and tests take the API from here, never from a global. */
export const ApiContext = createContext<PlausibleApi | null>(null)

export function useApi(): PlausibleApi {
  const api = useContext(ApiContext)
  if (!api) throw new Error('useApi() needs an <ApiContext value={api}> above it.')
  return api
}
