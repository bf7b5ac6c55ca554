// The sandboxed preload: exposes `window.plausible`, one function per contract call, each invoking that
// call's channel and resolving to the envelope main returns. It imports only electron and the call
// names, so zod stays out of this bundle; main validates everything, this file is not a trust boundary.
import { contextBridge, ipcRenderer } from 'electron'
import { callNames, channelOf } from '../shared/contract/names'

const bridge = Object.fromEntries(
  callNames.map((name) => [name, (input: unknown) => ipcRenderer.invoke(channelOf(name), input ?? {})]),
)

contextBridge.exposeInMainWorld('plausible', bridge)
