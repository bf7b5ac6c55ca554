// What one `events import` run did (the CLI's, or the window's through imports.start), counted as it
// goes and kept in the import history (issue 18):
// recorded when its first events are journaled, so a run cut short by a crash is still listed (never
// finished), and again with its counts when it ends, beside the previous run of the same source.
import { previousImportOf } from '../../shared/imports/import-comparison'
import type { ImportRecord } from '../../shared/imports/import-record'
import { createImportHistory, newImportId } from './import-history'

/** What became of one journaled event, as far as the history counts it. */
export interface RecordedAnswer {
  state: 'done' | 'failed'
  /** The server answered 202 and dropped it (x-plausible-dropped). */
  isDropped: boolean
  /** A crash cut an earlier send short: the server may have it twice. */
  possiblyDelivered: boolean
}

export interface ImportRecorder {
  /** The run's id in the history. */
  readonly id: string
  /** The run as counted so far. */
  current(): ImportRecord
  /** A good line read, by its event name. */
  read(name: string): void
  /** A line refused before sending (its reason without the line number). */
  refused(reason: string): void
  answered(answer: RecordedAnswer): void
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
  const copy = (): ImportRecord => structuredClone(record)
  return {
    id: record.id,
    current: copy,
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
      started ??= history.save(copy())
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
