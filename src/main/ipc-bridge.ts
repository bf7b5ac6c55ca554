// The only file that touches ipcMain: one handler per call of the contract, each checking the sender and
// then handing the call to `dispatch` (validation, the call, output stripping, the envelope).
import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron'
import { callNames, channelOf, type ContractHandlers } from '../shared/contract'
import { errWire, type Wire } from '../shared/contract/wire'
import { PlausibleError } from '../shared/errors'
import { dispatch } from '../core/dispatch'

export interface SenderTrust {
  /** True for the webContents of a window the app created. */
  isAppWindowContents(contents: WebContents): boolean
  /** True for our renderer's URL (out/renderer/index.html, or the dev server in development). */
  isRendererUrl(url: string): boolean
}

/** Registers every call; returns a function that removes them again. */
export function registerIpc(handlers: ContractHandlers, trust: SenderTrust): () => void {
  for (const name of callNames) {
    ipcMain.handle(channelOf(name), (event, input: unknown) =>
      isTrustedSender(event, trust) ? dispatch(handlers, name, input) : Promise.resolve(forbidden()),
    )
  }
  return () => {
    for (const name of callNames) ipcMain.removeHandler(channelOf(name))
  }
}

/**
 * Electron security checklist, "Validate the sender of all IPC messages"
 * (https://www.electronjs.org/docs/latest/tutorial/security): the frame must still exist, be a main
 * frame (no iframe speaks for the app), belong to a window we created, and show our renderer.
 */
export function isTrustedSender(event: IpcMainInvokeEvent, trust: SenderTrust): boolean {
  const frame = event.senderFrame
  if (!frame || frame.parent !== null) return false
  if (!trust.isAppWindowContents(event.sender)) return false
  return trust.isRendererUrl(frame.url)
}

function forbidden(): Wire<never> {
  return errWire(
    new PlausibleError('FORBIDDEN', {
      message: 'This window is not allowed to call Plausible Desktop.',
    }).toWire(),
  )
}
