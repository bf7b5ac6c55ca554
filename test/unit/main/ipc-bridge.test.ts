import { beforeEach, describe, expect, it, vi } from 'vitest'
import { electronFake, fakeEvent, FakeWebContents, resetElectronFake } from '../../helpers/electron-mock'
import { createFakeHandlers, sampleInputs, sampleOutputs } from '../../helpers/contract-samples'
import { callNames, channelOf } from '../../../src/shared/contract'
import { isRendererUrl, type RendererLocation } from '../../../src/main/renderer-location'

vi.mock('electron', async () => (await import('../../helpers/electron-mock')).electronModule)
const { registerIpc } = await import('../../../src/main/ipc-bridge')

const location: RendererLocation = { kind: 'file', path: '/opt/plausible/out/renderer/index.html' }
const rendererUrl = 'file:///opt/plausible/out/renderer/index.html'
const ourContents = new FakeWebContents()
const trust = {
  isAppWindowContents: (contents: { id: number }) => contents.id === ourContents.id,
  isRendererUrl: (url: string) => isRendererUrl(url, location),
}

function invokeEvent(
  options: { sender?: FakeWebContents; url?: string; parent?: object | null; frame?: null } = {},
) {
  const frame =
    options.frame === null ? null : { url: options.url ?? rendererUrl, parent: options.parent ?? null }
  return fakeEvent({ sender: options.sender ?? ourContents, senderFrame: frame })
}

function handlerFor(channel: string) {
  const handler = electronFake.ipcHandlers.get(channel)
  if (!handler) throw new Error(`no handler on ${channel}`)
  return handler as (event: unknown, input: unknown) => Promise<unknown>
}

beforeEach(() => resetElectronFake())

describe('registerIpc', () => {
  it('registers exactly one handler per call, on the channel the contract names', () => {
    registerIpc(createFakeHandlers().handlers, trust)
    expect([...electronFake.ipcHandlers.keys()].sort()).toEqual(callNames.map(channelOf).sort())
  })

  for (const name of callNames) {
    it(`answers ${name} from our window through dispatch with the handler's output`, async () => {
      const fake = createFakeHandlers()
      registerIpc(fake.handlers, trust)
      await expect(handlerFor(channelOf(name))(invokeEvent(), sampleInputs[name])).resolves.toEqual({
        ok: true,
        value: sampleOutputs[name],
      })
      expect(fake.received).toEqual([{ name, input: sampleInputs[name] }])
    })
  }

  it('validates input from a trusted sender: an invalid one gets USAGE and never reaches the core', async () => {
    const fake = createFakeHandlers()
    registerIpc(fake.handlers, trust)
    const wire = await handlerFor(channelOf('stats.realtime'))(invokeEvent(), { site: 42 })
    expect(wire).toMatchObject({ ok: false, error: { code: 'USAGE' } })
    expect(fake.received).toEqual([])
  })

  const untrusted = {
    'a frame that navigated away or was destroyed': invokeEvent({ frame: null }),
    'an iframe inside our window': invokeEvent({ parent: {} }),
    'a webContents we did not create': invokeEvent({ sender: new FakeWebContents() }),
    'our window showing another page': invokeEvent({ url: 'https://evil.example/' }),
    'another file on disk': invokeEvent({ url: 'file:///tmp/evil.html' }),
  }
  for (const [who, event] of Object.entries(untrusted)) {
    it(`answers FORBIDDEN to ${who}, without calling the core`, async () => {
      const fake = createFakeHandlers()
      registerIpc(fake.handlers, trust)
      await expect(handlerFor(channelOf('accounts.list'))(event, {})).resolves.toMatchObject({
        ok: false,
        error: { code: 'FORBIDDEN' },
      })
      expect(fake.received).toEqual([])
    })
  }

  it('removes every handler again with the function it returns', () => {
    const unregister = registerIpc(createFakeHandlers().handlers, trust)
    unregister()
    expect(electronFake.ipcHandlers.size).toBe(0)
  })
})
