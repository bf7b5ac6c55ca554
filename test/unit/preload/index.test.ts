import { beforeAll, describe, expect, it, vi } from 'vitest'
import { electronFake } from '../../helpers/electron-mock'
import { callNames, channelOf } from '../../../src/shared/contract/names'

vi.mock('electron', async () => (await import('../../helpers/electron-mock')).electronModule)

type Bridge = Record<string, (input?: unknown) => Promise<unknown>>
let bridge: Bridge

beforeAll(async () => {
  await import('../../../src/preload/index')
  bridge = electronFake.exposed.get('plausible') as Bridge
})

describe('preload', () => {
  it('exposes window.plausible and nothing else', () => {
    expect([...electronFake.exposed.keys()]).toEqual(['plausible'])
  })

  it('offers exactly the contract call names', () => {
    expect(Object.keys(bridge).sort()).toEqual([...callNames].sort())
  })

  for (const name of callNames) {
    it(`invokes ${channelOf(name)} for ${name} and resolves to the envelope main returns`, async () => {
      const input = { marker: name }
      await expect(bridge[name]!(input)).resolves.toEqual({
        ok: true,
        value: { channel: channelOf(name), input },
      })
      expect(electronFake.api.ipcRenderer.invoke).toHaveBeenLastCalledWith(channelOf(name), input)
    })
  }

  it('sends {} when a call is made without input', async () => {
    await bridge['accounts.list']!()
    expect(electronFake.api.ipcRenderer.invoke).toHaveBeenLastCalledWith(channelOf('accounts.list'), {})
  })
})
