// The import history on disk: one file per `events import` run in <config>/imports/, written when the
// run starts and again when it ends, each time atomically. A run that never finished (a crash, kill -9)
// keeps its first record, finishedAt null, so the history shows it was cut short.
import { randomBytes } from 'node:crypto'
import { mkdir, readdir, readFile, unlink } from 'node:fs/promises'
import { join } from 'node:path'
import { PlausibleError } from '../../shared/errors'
import { ImportRecord } from '../../shared/imports/import-record'
import { writeFileAtomic } from '../budget/atomic-file'

export const importHistoryFolder = 'imports'

/** Runs kept: the oldest beyond this are deleted when a run starts. */
export const keptImports = 200

export interface ImportHistory {
  /** Writes the record of a run (its first, then its last state). */
  save(record: ImportRecord): Promise<void>
  /** Every readable run, oldest first. */
  list(): Promise<ImportRecord[]>
  /** One run by id; a USAGE error naming the id when there is none. */
  get(id: string): Promise<ImportRecord>
}

/** A new run's id: the UTC time it started (so ids sort by start), then a random tail. */
export function newImportId(now: Date): string {
  const time = now.toISOString().replace(/[-:.]/g, '')
  return `imp-${time}-${randomBytes(3).toString('hex')}`
}

export function createImportHistory(configDir: string): ImportHistory {
  const folder = join(configDir, importHistoryFolder)
  const fileOf = (id: string): string => join(folder, `${id}.json`)

  async function readRecord(name: string): Promise<ImportRecord | null> {
    try {
      const parsed = ImportRecord.safeParse(JSON.parse(await readFile(join(folder, name), 'utf8')))
      return parsed.success ? parsed.data : null
    } catch {
      // Half-written by another version, or removed while listed: not a run to show.
      return null
    }
  }
  async function names(): Promise<string[]> {
    try {
      return (await readdir(folder)).filter((name) => /^imp-[\w-]+\.json$/.test(name)).sort()
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return []
      throw error
    }
  }

  return {
    async save(record) {
      await mkdir(folder, { recursive: true, mode: 0o700 })
      // Not durable: a history line lost to a power cut costs nothing the journal does not keep.
      await writeFileAtomic(fileOf(record.id), `${JSON.stringify(record, null, 2)}\n`, 0o600, {
        durable: false,
      })
      if (record.finishedAt !== null) return
      const all = await names()
      for (const old of all.slice(0, Math.max(0, all.length - keptImports)))
        await unlink(join(folder, old)).catch(() => undefined)
    },
    async list() {
      const records = await Promise.all((await names()).map(readRecord))
      return records.filter((record): record is ImportRecord => record !== null)
    },
    async get(id) {
      const record = /^imp-[\w-]+$/.test(id) ? await readRecord(`${id}.json`) : null
      if (record) return record
      throw noSuchImport(configDir, id)
    },
  }
}

export function noSuchImport(configDir: string, id: string): PlausibleError {
  return new PlausibleError('NOT_FOUND', {
    message: `No import ${id} in ${join(configDir, importHistoryFolder)}.`,
    hint: 'Run `plausible imports list` for the ids of the runs kept.',
  })
}
