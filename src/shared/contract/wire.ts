// The result envelope every transport carries: errors travel as data because Electron drops an
// error's class and fields over invoke (electron/electron#24427).
import type { WireError } from '../errors'

export type Wire<T> = { ok: true; value: T } | { ok: false; error: WireError }

export function okWire<T>(value: T): Wire<T> {
  return { ok: true, value }
}

export function errWire(error: WireError): Wire<never> {
  return { ok: false, error }
}
