// Every web contents the app ever creates (windows, and any a bug or a library might open: devtools
// panes, webviews, hidden helpers) is denied navigation away from the renderer, new windows, webviews
// and permissions. The app-wide hook catches the ones no window code knows about.
import { shell, type App, type WebContents } from 'electron'
import { externalLinkOf, isRendererUrl, type RendererLocation } from './renderer-location'

const hardened = new WeakSet<WebContents>()

/** Hardens each web contents as it is created, before it can load anything. */
export function guardEveryWebContents(app: App, location: RendererLocation): void {
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, location))
}

/** Navigation, new windows, webviews and permissions are all denied: the app shows only its renderer. */
export function hardenWebContents(contents: WebContents, location: RendererLocation): void {
  // The window's own contents pass here twice (the app-wide hook, then the window): one set of handlers.
  if (hardened.has(contents)) return
  hardened.add(contents)
  // Security checklist "Disable or limit navigation": a link clicked in the window opens in the OS
  // browser when it is https, and never inside the app.
  contents.on('will-navigate', (event) => {
    if (isRendererUrl(event.url, location)) return
    event.preventDefault()
    openExternally(event.url)
  })
  contents.on('will-frame-navigate', (event) => {
    if (!event.isMainFrame && !isRendererUrl(event.url, location)) event.preventDefault()
  })
  // Security checklist "Disable or limit creation of new windows".
  contents.setWindowOpenHandler(({ url }) => {
    openExternally(url)
    return { action: 'deny' }
  })
  contents.on('will-attach-webview', (event) => event.preventDefault())
  // Security checklist "Handle session permission requests from remote content": nothing here needs any.
  contents.session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false))
  contents.session.setPermissionCheckHandler(() => false)
}

function openExternally(url: string): void {
  const link = externalLinkOf(url)
  if (link) void shell.openExternal(link)
}
