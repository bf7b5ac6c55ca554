// One sentence for where keys are kept, shared by add, rotate and list.
import type { AccountSummary, KeyStoreStatus } from '../../../shared/contract'

export function keyPlace(keySource: AccountSummary['keySource'], store: KeyStoreStatus | undefined): string {
  switch (keySource) {
    case 'keychain':
      return 'the OS keychain'
    case 'file':
      return store?.folder ? `a file in ${store.folder} (mode 0600)` : 'a file only you can read (mode 0600)'
    case 'env':
      return 'PLAUSIBLE_API_KEY (this run only)'
    case 'demo':
      return 'the built-in Demo server'
    case 'none':
      return 'nowhere on this machine'
  }
}

export function storeLine(store: KeyStoreStatus): string {
  if (store.backend === 'file')
    return `keys: files in ${store.folder ?? 'the config folder'} (mode 0600)${store.note ? ` — ${store.note}` : ''}`
  if (store.backend === 'memory') return 'keys: memory (this process only)'
  return `keys: OS keychain (service plausible-desktop)${store.note ? ` — ${store.note}` : ''}`
}
