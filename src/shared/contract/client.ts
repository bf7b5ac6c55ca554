// Builds a typed API object from any transport that carries envelopes (IPC, control socket, HTTP).
import { PlausibleError, isErrorCode } from '../errors'
import type { PlausibleApi } from './calls'
import { callNames, type CallName } from './names'
import type { Wire } from './wire'

export type Transport = (name: CallName, input: unknown) => Promise<Wire<unknown>>

export function createApiClient(transport: Transport): PlausibleApi {
  const entries = callNames.map((name) => [
    name,
    async (input: unknown) => unwrap(await transport(name, input ?? {})),
  ])
  return Object.fromEntries(entries) as PlausibleApi
}

/** Turns an envelope back into a value, or throws the PlausibleError it carries. */
export function unwrap<T>(wire: Wire<T>): T {
  if (wire.ok) return wire.value
  const code = isErrorCode(wire.error.code) ? wire.error.code : 'INTERNAL'
  throw new PlausibleError(code, {
    message: wire.error.message,
    hint: wire.error.hint,
    details: wire.error.details,
  })
}
