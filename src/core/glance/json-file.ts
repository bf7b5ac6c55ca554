// Reads one of the tray's JSON files (glance.json, realtime-history.json): a missing file is "nothing yet";
// a file that is not JSON or not the expected shape is moved aside and reported, never silently reset
// (design.md "Data on disk"). Writes go through writeFileAtomic.
import { readFileSync, renameSync } from 'node:fs'
import { readFile, rename } from 'node:fs/promises'
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
  const judged = judge(text, schema)
  if ('value' in judged) return judged.value
  const movedTo = asideName(path, options)
  await rename(path, movedTo)
  options.onCorrupt?.({ path, movedTo, reason: judged.reason })
  return null
}

/** readJsonFile, in one breath: for a file read where its first user needs it (the tray's, glance.ts). */
export function readJsonFileSync<T>(path: string, schema: z.ZodType<T>, options: ReadOptions): T | null {
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch (error) {
    return missing(error, path)
  }
  const judged = judge(text, schema)
  if ('value' in judged) return judged.value
  const movedTo = asideName(path, options)
  renameSync(path, movedTo)
  options.onCorrupt?.({ path, movedTo, reason: judged.reason })
  return null
}

function missing(error: unknown, path: string): null {
  if (isErrno(error, 'ENOENT')) return null
  // EISDIR and friends come without a path: named, so CONFIG_DIR says which file.
  throw namingFile(error, path)
}

function judge<T>(text: string, schema: z.ZodType<T>): { value: T } | { reason: string } {
  try {
    const parsed = schema.safeParse(JSON.parse(text))
    return parsed.success ? { value: parsed.data } : { reason: 'it does not have the expected shape' }
  } catch {
    return { reason: 'it is not valid JSON' }
  }
}

function asideName(path: string, options: ReadOptions): string {
  return `${path}.corrupt-${new Date(options.now()).toISOString().replace(/[:.]/g, '-')}`
}
