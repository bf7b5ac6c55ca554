// The shape of `window.plausible`, the object the preload exposes: one function per call, resolving to
// the envelope (never throwing), because errors cross IPC as data (electron/electron#24427).
import type { CallInput, CallOutput } from './calls'
import type { CallName } from './names'
import type { Wire } from './wire'

export type PlausibleBridge = { [N in CallName]: (input: CallInput<N>) => Promise<Wire<CallOutput<N>>> }
