// Public entry of the sandbox: startSandbox() serves the seeded sites over loopback for tests, benches and the Demo account.
import type { AddressInfo } from 'node:net'
import { sandboxKeys } from './auth'
import { createDataset } from './dataset'
import { sandboxGoals } from './goals'
import { createRateLimiter } from './rate-limit'
import { createSandboxServer } from './server'
import { defaultSites } from './sites'

export interface SandboxOptions {
  /** 0 or undefined = any free port. */
  port?: number
  /** Default '127.0.0.1'. */
  host?: string
  /** Requests per API key per UTC hour, default 600 (plausible.io's default, §3). */
  hourlyLimit?: number
  /** Default 42. */
  seed?: number
  /** ms since epoch; default Date.now. Data "arrives" as this clock moves. */
  clock?: () => number
}

export interface SandboxSite {
  domain: string
  timezone: string
}

export interface RunningSandbox {
  /** e.g. http://127.0.0.1:43123 (no trailing slash). */
  baseUrl: string
  /** The demo key, fixed by the seed; scope sites:provision:* (which implies stats and sites reads, §2). */
  apiKey: string
  sites: SandboxSite[]
  hourlyLimit: number
  close(): Promise<void>
}

export async function startSandbox(options: SandboxOptions = {}): Promise<RunningSandbox> {
  const seed = options.seed ?? 42
  const clock = options.clock ?? Date.now
  const host = options.host ?? '127.0.0.1'
  const hourlyLimit = options.hourlyLimit ?? 600
  const keys = sandboxKeys(seed)
  const dataset = createDataset({ seed, sites: defaultSites, origin: clock() })
  const server = createSandboxServer({
    dataset,
    goals: sandboxGoals,
    keys: [keys.demo, keys.statsOnly],
    limiter: createRateLimiter(hourlyLimit, clock),
    clock,
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject)
      resolve()
    })
  })
  const { port } = server.address() as AddressInfo
  const urlHost = host.includes(':') ? `[${host}]` : host
  return {
    baseUrl: `http://${urlHost}:${port}`,
    apiKey: keys.demo.key,
    sites: dataset.sites.map((site) => ({ domain: site.domain, timezone: site.timezone })),
    hourlyLimit,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()))
        // fetch keeps connections alive; without this close() would wait for them to time out.
        server.closeAllConnections()
      }),
  }
}

export { sandboxKeys, sandboxKey } from './auth'
export {
  createDataset,
  generateDay,
  type SandboxDataset,
  type SandboxEvent,
  type SandboxSession,
  type VisitTraits,
} from './dataset'
export { executeQuery, currentVisitors, type QueryResponse, type QuerySource } from './engine'
export { sandboxGoals, type Goal } from './goals'
export { defaultSites, type SiteProfile } from './sites'
export { validateQuery, type ValidQuery } from './validate'
