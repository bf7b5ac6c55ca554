// HandlerDeps.perCore for one core: what every priority's handlers and the core's host share.
import type { HandlerDeps } from './handlers/types'

/** A memo: the value under a key is made by the first ask, then handed to every later one. */
export function createPerCore(): HandlerDeps['perCore'] {
  const shared = new Map<string, unknown>()
  return <T>(key: string, make: () => T): T => {
    if (!shared.has(key)) shared.set(key, make())
    return shared.get(key) as T
  }
}
