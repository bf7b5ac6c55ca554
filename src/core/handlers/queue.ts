// queue.* — what the scheduler and the write queue are doing: pending and in-flight jobs, retries, last
// errors, jobs a crash may have delivered twice, job files that could not be read (listed, deleted or
// journaled again), requests waiting for the budget, the account's budget and what the read cache saved.
import type { CorruptJobs } from '../../shared/contract'
import type { QueueSnapshot } from '../queue/write-queue'
import type { DomainHandlers, HandlerDeps } from './types'

export function queueHandlers(deps: HandlerDeps): DomainHandlers<'queue'> {
  const { accounts, budget, connector, queue, scheduler, cache } = deps
  const corruptOf = async (): Promise<CorruptJobs> => corruptView(await queue.corrupt())
  return {
    async 'queue.inspect'({ account, limit }) {
      const [snapshot, budgetSnapshot] = await Promise.all([
        queue.snapshot(limit ?? 50),
        // No account configured is not a reason to hide the journal.
        accounts
          .resolve(account)
          .then((resolved) => budget.snapshot(connector.budgetOf(resolved)))
          .catch((error: unknown) => {
            if (account !== undefined) throw error
            return null
          }),
      ])
      return {
        ...snapshot,
        corrupt: corruptView(snapshot.corrupt),
        requests: scheduler.activity(),
        budget: budgetSnapshot,
        reads: cache.stats(),
      }
    },
    'queue.corruptList': () => corruptOf(),
    async 'queue.corruptDelete'({ names }) {
      const deleted = await queue.deleteCorrupt(names)
      return { folder: (await corruptOf()).folder, deleted }
    },
    async 'queue.corruptRetry'({ names }) {
      const results = await queue.retryCorrupt(names)
      return { folder: (await corruptOf()).folder, results }
    },
  }
}

function corruptView(corrupt: QueueSnapshot['corrupt']): CorruptJobs {
  return {
    folder: corrupt.folder,
    files: corrupt.files.map((file) => ({ ...file, movedAt: new Date(file.movedAt).toISOString() })),
  }
}
