// Reads one of the tray's JSON files (glance.json, realtime-history.json): a missing file is "nothing yet";
// a file that is not JSON or not the expected shape is moved aside and reported, never silently reset
// (design.md "Data on disk"). Writes go through writeFileAtomic.
import { readFile, rename } from 'node:fs/promises'
import type { z } from 'zod'
import { isErrno, namingFile } from '../budget/atomic-file'

export interface CorruptFileReport {
  path: string
  movedTo: string
  reason: string
}

export async function readJsonFile<T>(
  path: string,
  schema: z.ZodType<T>,
  options: { now: () => number; onCorrupt?: (report: CorruptFileReport) => void },
): Promise<T | null> {
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch (error) {
    if (isErrno(error, 'ENOENT')) return null
    // EISDIR and friends come without a path: named, so CONFIG_DIR says which file.
    throw namingFile(error, path)
  }
  let reason: string
  try {
    const parsed = schema.safeParse(JSON.parse(text))
    if (parsed.success) return parsed.data
    reason = 'it does not have the expected shape'
  } catch {
    reason = 'it is not valid JSON'
  }
  const movedTo = `${path}.corrupt-${new Date(options.now()).toISOString().replace(/[:.]/g, '-')}`
  await rename(path, movedTo)
  options.onCorrupt?.({ path, movedTo, reason })
  return null
}
