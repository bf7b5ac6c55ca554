// Reads one of the tray's JSON files (glance.json, realtime-history.json): a missing file is "nothing yet";
// a file that is not JSON or not the expected shape is moved aside and reported, never silently reset
// (design.md "Data on disk"). Writes go through writeFileAtomic.
import { readFileSync, renameSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import type { z } from 'zod'
import { isErrno, namingFile } from '../budget/atomic-file'

export interface CorruptFileReport {
  path: string
  movedTo: string
  reason: string
}

interface ReadOptions {
  now: () => number
  onCorrupt?: (report: CorruptFileReport) => void
}

export async function readJsonFile<T>(
  path: string,
  schema: z.ZodType<T>,
  options: ReadOptions,
): Promise<T | null> {
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch (error) {
    return missing(error, path)
  }
  return accepted(path, text, schema, options)
}

/** readJsonFile, in one breath: for a file read where its first user needs it (the tray's, glance.ts). */
export function readJsonFileSync<T>(path: string, schema: z.ZodType<T>, options: ReadOptions): T | null {
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch (error) {
    return missing(error, path)
  }
  return accepted(path, text, schema, options)
}

function missing(error: unknown, path: string): null {
  if (isErrno(error, 'ENOENT')) return null
  // EISDIR and friends come without a path: named, so CONFIG_DIR says which file.
  throw namingFile(error, path)
}

/**
 * The file's value, or null once a file that is not JSON or not of the schema's shape is moved aside and
 * reported. The move is one rename, done synchronously for both readers.
 */
function accepted<T>(path: string, text: string, schema: z.ZodType<T>, options: ReadOptions): T | null {
  let reason: string
  try {
    const parsed = schema.safeParse(JSON.parse(text))
    if (parsed.success) return parsed.data
    reason = 'it does not have the expected shape'
  } catch {
    reason = 'it is not valid JSON'
  }
  const movedTo = `${path}.corrupt-${new Date(options.now()).toISOString().replace(/[:.]/g, '-')}`
  renameSync(path, movedTo)
  options.onCorrupt?.({ path, movedTo, reason })
  return null
}
