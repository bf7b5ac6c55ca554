// Heap measurements for soak tests: a full garbage collection on demand and the sizes V8 reports.
// `gc` is exposed from inside the test (V8 flag set at run time, read from a fresh context), so no
// vitest config or command line has to change for the one file that needs it.
import { getHeapSpaceStatistics, setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'

setFlagsFromString('--expose-gc')
const gc = runInNewContext('gc') as (options?: { type: 'major' }) => void

/** Live heap bytes after full collections (twice: the first can leave finalizers' garbage behind). */
export function heapAfterGc(): number {
  gc()
  gc()
  return process.memoryUsage().heapUsed
}

/** Bytes in use in V8's old generation now, collected or not: what promoted garbage grows. */
export function oldGenerationUsed(): number {
  return getHeapSpaceStatistics()
    .filter((space) => space.space_name === 'old_space')
    .reduce((sum, space) => sum + space.space_used_size, 0)
}

export const megabytes = (bytes: number): number => Math.round((bytes / 1024 / 1024) * 100) / 100
