// dialog.* — the desktop app's own dialogs, answered in src/main. A core without a window (the CLI,
// `plausible ui`) has none: it says so, and the page offers a text field instead.
import { PlausibleError } from '../../shared/errors'
import type { DomainHandlers } from './types'

export function dialogHandlers(): DomainHandlers<'dialog'> {
  return {
    async 'dialog.pickFolder'() {
      throw new PlausibleError('NOT_SUPPORTED', {
        message: 'A folder dialog needs the desktop app.',
        hint: 'Type the folder’s full path instead.',
      })
    },
  }
}
