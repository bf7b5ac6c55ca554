// The Demo account's server: an in-process sandbox started on first use, so a new user sees a live
// dashboard before pasting a key. The sandbox's code loads then too: a core that never asks the Demo
// account (a CLI run on a real account) does not load it.
import type { Clock } from './ports'
import type { RunningSandbox } from './sandbox'

export interface DemoServer {
  /** Starts the sandbox once; later calls share it. */
  get(): Promise<RunningSandbox>
  close(): Promise<void>
}

export function createDemoServer(clock: Clock): DemoServer {
  let running: Promise<RunningSandbox> | null = null
  return {
    get() {
      const started =
        running ?? import('./sandbox').then(({ startSandbox }) => startSandbox({ port: 0, clock }))
      running = started
      return started
    },
    async close() {
      if (running) await (await running).close()
      running = null
    },
  }
}
