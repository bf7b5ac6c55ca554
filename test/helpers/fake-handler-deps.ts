// What a fake core hands a long-running host for its per-core services (the scheduled reports' minute
// check, the /metrics endpoint): its folder, its glance, a clock and the per-core memo; nothing that sends.
import type { Glance } from '../../src/core/glance/glance'
import { createPerCore } from '../../src/core/per-core'
import type { HandlerDeps } from '../../src/core/handlers/types'

export function fakeHandlerDeps(options: { configDir: string; glance: Glance }): () => HandlerDeps {
  const deps = {
    configDir: options.configDir,
    glance: options.glance,
    clock: Date.now,
    priority: 'background',
    perCore: createPerCore(),
  } as unknown as HandlerDeps
  return () => deps
}
