// What a fake core hands a long-running host for its per-core services (the scheduled reports' minute
// check, the /metrics endpoint): its folder, its glance, a clock and the per-core memo; nothing that sends.
import type { Glance } from '../../src/core/glance/glance'
import type { HandlerDeps } from '../../src/core/handlers/types'

export function fakeHandlerDeps(options: { configDir: string; glance: Glance }): () => HandlerDeps {
  const shared = new Map<string, unknown>()
  const deps = {
    configDir: options.configDir,
    glance: options.glance,
    clock: Date.now,
    priority: 'background',
    perCore: <T>(key: string, make: () => T): T => {
      if (!shared.has(key)) shared.set(key, make())
      return shared.get(key) as T
    },
  } as unknown as HandlerDeps
  return () => deps
}
