// The global the preload (src/preload/index.ts) puts on the window inside the app; absent in a browser
// (`plausible ui`). Only src/renderer/src/api/client.ts should read it.
import type { PlausibleBridge } from '../../shared/contract/bridge'

declare global {
  interface Window {
    plausible?: PlausibleBridge
  }
}

export {}
