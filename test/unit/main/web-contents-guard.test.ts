import { beforeEach, describe, expect, it, vi } from 'vitest'
import { electronFake, fakeEvent, FakeWebContents, resetElectronFake } from '../../helpers/electron-mock'
import type { RendererLocation } from '../../../src/main/renderer-location'

vi.mock('electron', async () => (await import('../../helpers/electron-mock')).electronModule)
const { guardEveryWebContents, hardenWebContents } = await import('../../../src/main/web-contents-guard')

const location: RendererLocation = { kind: 'file', path: '/opt/plausible/out/renderer/index.html' }
const app = electronFake.api.app as unknown as Parameters<typeof guardEveryWebContents>[0]

beforeEach(() => {
  resetElectronFake()
  electronFake.api.app.listeners.clear()
  electronFake.api.shell.openExternal.mockClear()
})

/** A web contents no window code created (a devtools pane, a webview's guest), announced by the app. */
function createdElsewhere(): FakeWebContents {
  const contents = new FakeWebContents()
  electronFake.api.app.emit('web-contents-created', fakeEvent(), contents)
  return contents
}

describe('guardEveryWebContents', () => {
  it('denies navigation away from the renderer in any web contents the app creates', () => {
    guardEveryWebContents(app, location)
    const contents = createdElsewhere()
    const away = fakeEvent({ url: 'https://evil.example/phish' })
    contents.emit('will-navigate', away)
    expect(away.defaultPrevented).toBe(true)
    const own = fakeEvent({ url: 'file:///opt/plausible/out/renderer/index.html#/settings' })
    contents.emit('will-navigate', own)
    expect(own.defaultPrevented).toBe(false)
    const frame = fakeEvent({ url: 'https://evil.example/frame', isMainFrame: false })
    contents.emit('will-frame-navigate', frame)
    expect(frame.defaultPrevented).toBe(true)
  })

  it('denies new windows, webviews and every permission there too', () => {
    guardEveryWebContents(app, location)
    const contents = createdElsewhere()
    expect(contents.windowOpenHandler?.({ url: 'https://plausible.io/docs' })).toEqual({ action: 'deny' })
    expect(electronFake.api.shell.openExternal).toHaveBeenCalledWith('https://plausible.io/docs')
    const attach = fakeEvent()
    contents.emit('will-attach-webview', attach)
    expect(attach.defaultPrevented).toBe(true)
    const granted: boolean[] = []
    contents.session.permissionRequestHandler?.(contents, 'media', (allowed: boolean) =>
      granted.push(allowed),
    )
    expect(granted).toEqual([false])
    expect(contents.session.permissionCheckHandler?.()).toBe(false)
  })

  it('hardens a web contents once when both the app hook and its window reach it', () => {
    guardEveryWebContents(app, location)
    const contents = createdElsewhere()
    hardenWebContents(contents as never, location)
    expect(contents.listeners.get('will-navigate')).toHaveLength(1)
    contents.windowOpenHandler?.({ url: 'https://plausible.io/docs' })
    expect(electronFake.api.shell.openExternal).toHaveBeenCalledTimes(1)
  })
})
