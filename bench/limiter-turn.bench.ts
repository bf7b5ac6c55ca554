// Where the scheduler's per-request cost comes from: one bottleneck turn (schedule → run → done) for a job
// that does nothing, against awaiting the same job directly. Bottleneck's local datastore yields to the
// event loop with setTimeout(0) at each step (lib/LocalDatastore.js yieldLoop), about 1 ms a hop; this
// measures the whole turn, which budget-scheduler.bench.ts pays on top of the ledger's file lock.
import Bottleneck from 'bottleneck'
import { test } from 'vitest'

test('one limiter turn vs awaiting the job directly', async ({ bench }) => {
  const limiter = new Bottleneck({ maxConcurrent: 4 })
  const job = async (): Promise<number> => 1
  const directName = 'the job awaited directly'
  const limitedName = 'the job through limiter.schedule (maxConcurrent 4, a priority)'
  const results = await bench.compare(
    bench(directName, async () => {
      await job()
    }),
    bench(limitedName, async () => {
      await limiter.schedule({ priority: 5 }, job)
    }),
    { time: 2000, iterations: 50 },
  )
  const direct = results.get(directName).latency.mean
  const limited = results.get(limitedName).latency.mean
  console.log(
    `one bottleneck turn: ${(limited - direct).toFixed(2)} ms per job (${(limited / direct).toFixed(0)}× a direct await of ${(direct * 1000).toFixed(1)} µs)`,
  )
  await limiter.stop({ dropWaitingJobs: false })
})
