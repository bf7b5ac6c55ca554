// The window's file imports in the import history (issue 18): the page sends each line with events.send,
// so the run is opened in the core (imports.start), every send carrying its id is counted into it from the
// receipt the core itself answered, and imports.finish writes it beside the previous run of the same
// file — the same record and comparison as a CLI import (import-recorder.ts). Held in memory by the core
// that hosts the window: a run whose page went away before finishing stays listed as never finished.
import { compareImports, type ComparedImport } from '../../shared/imports/import-comparison'
import type { ImportRecord } from '../../shared/imports/import-record'
import type { ImportStart } from '../../shared/imports/import-start'
import type { EventReceipt } from '../../shared/plausible/event'
import { PlausibleError } from '../../shared/errors'
import type { WriteQueue } from '../queue/write-queue'
import { createImportRecorder, type ImportRecorder } from './import-recorder'
import { noSuchImport } from './import-history'

export interface WindowImports {
  start(input: ImportStart & { account: string }): Promise<ImportRecord>
  /** Throws NOT_FOUND unless `id` is a run this core has open: checked before the event is sent. */
  assertOpen(id: string): void
  /** One event of run `id`, by its name, and what became of it (a receipt, or the error thrown). */
  record(id: string, name: string, outcome: { receipt: EventReceipt } | { error: unknown }): Promise<void>
  finish(id: string): Promise<ComparedImport>
}

export function createWindowImports(deps: {
  configDir: string
  queue: WriteQueue
  now?: () => Date
}): WindowImports {
  /** Open runs, with the lines the page read (written when the run finishes, as the CLI writes them). */
  const open = new Map<string, { recorder: ImportRecorder; linesRead: number }>()
  const runOf = (id: string): { recorder: ImportRecorder; linesRead: number } => {
    const run = open.get(id)
    if (!run) throw notOpen(deps.configDir, id)
    return run
  }
  return {
    async start({ account, source, linesRead, refused }) {
      const recorder = createImportRecorder(
        deps.configDir,
        { path: source.name, digest: source.digest, format: source.format, account },
        deps.now,
      )
      for (const [reason, count] of Object.entries(refused))
        for (let i = 0; i < count; i += 1) recorder.refused(reason)
      open.set(recorder.id, { recorder, linesRead })
      await recorder.start()
      return recorder.current()
    },
    assertOpen(id) {
      runOf(id)
    },
    async record(id, name, outcome) {
      const { recorder } = runOf(id)
      recorder.read(name)
      if ('error' in outcome) {
        recorder.answered({ state: 'failed', isDropped: false, possiblyDelivered: false })
        return
      }
      const { receipt } = outcome
      // The journal's done job says whether a crash may have sent it twice (the receipt does not).
      const found = receipt.status === 'queued' ? null : await deps.queue.find(receipt.jobId)
      const possiblyDelivered = found?.job.possiblyDelivered === true
      if (receipt.isRepeat) {
        recorder.repeatSkipped()
        if (possiblyDelivered) recorder.possiblyRepeated(1)
        return
      }
      // Queued for a retry: not answered yet, so counted nowhere; the journal delivers it later
      // (`plausible queue inspect` lists it).
      if (receipt.status === 'queued') return
      recorder.answered({ state: 'done', isDropped: receipt.status === 'dropped', possiblyDelivered })
    },
    async finish(id) {
      const { recorder, linesRead } = runOf(id)
      open.delete(id)
      const { record, previous } = await recorder.finish(linesRead, null)
      return { ...record, comparison: previous ? compareImports(previous, record) : null }
    },
  }
}

function notOpen(configDir: string, id: string): PlausibleError {
  const missing = noSuchImport(configDir, id)
  return new PlausibleError('NOT_FOUND', {
    message: `Import ${id} is not open in this app: imports.start opens a run, imports.finish closes it.`,
    hint: `Start the import again from its file. ${missing.hint}`,
  })
}
