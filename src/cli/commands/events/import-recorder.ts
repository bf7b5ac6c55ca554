// What one `events import` run did, counted as it goes and kept in the import history (issue 18):
// recorded when its first events are journaled, so a run cut short by a crash is still listed (never
// finished), and again with its counts when it ends, beside the previous run of the same source.
import { createImportHistory, newImportId } from '../../../core/imports/import-history'
import { previousImportOf } from '../../../shared/imports/import-comparison'
import type { ImportRecord } from '../../../shared/imports/import-record'
import type { Answer } from './import-answers'

export interface ImportRecorder {
  /** A good line read, by its event name. */
  read(name: string): void
  /** A line refused before sending (its reason without the line number). */
  refused(reason: string): void
  answered(answer: Answer): void
  repeatSkipped(): void
  possiblyRepeated(count: number): void
  /** Writes the run's first record (once). */
  start(): Promise<void>
  /** Writes the finished run; `digest` for a stream, known only at its end. */
  finish(
    linesRead: number,
    digest: string | null,
  ): Promise<{ record: ImportRecord; previous: ImportRecord | null }>
}

export function createImportRecorder(
  configDir: string,
  run: { path: string; digest: string | null; format: ImportRecord['source']['format']; account: string },
  now: () => Date = () => new Date(),
): ImportRecorder {
  const history = createImportHistory(configDir)
  const startedAt = now()
  const record: ImportRecord = {
    id: newImportId(startedAt),
    source: { path: run.path, digest: run.digest, format: run.format },
    account: run.account,
    startedAt: startedAt.toISOString(),
    finishedAt: null,
    linesRead: 0,
    accepted: 0,
    droppedByServer: 0,
    failed: 0,
    refused: {},
    repeatsSkipped: 0,
    possiblyRepeated: 0,
    names: {},
  }
  let started: Promise<void> | null = null
  return {
    read(name) {
      record.names[name] = (record.names[name] ?? 0) + 1
    },
    refused(reason) {
      record.refused[reason] = (record.refused[reason] ?? 0) + 1
    },
    answered(answer) {
      if (answer.state === 'failed') record.failed += 1
      else if (answer.isDropped) record.droppedByServer += 1
      else record.accepted += 1
      if (answer.possiblyDelivered) record.possiblyRepeated += 1
    },
    repeatSkipped() {
      record.repeatsSkipped += 1
    },
    possiblyRepeated(count) {
      record.possiblyRepeated += count
    },
    start() {
      started ??= history.save({ ...record, names: { ...record.names }, refused: { ...record.refused } })
      return started
    },
    async finish(linesRead, digest) {
      await this.start()
      record.linesRead = linesRead
      if (digest !== null) record.source.digest = digest
      record.finishedAt = now().toISOString()
      await history.save(record)
      return { record, previous: previousImportOf(await history.list(), record) }
    },
  }
}
