// The issue's speed goals as rows of one table: each benchmark measures a subject and what it is
// compared with in the same run (medians of several runs), and records the row here. The global
// set-up (bench/table.ts) collects the rows of every file, prints the table and keeps it in
// bench/RESULTS.md with the machine it ran on.
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

export interface Measured {
  label: string
  /** Median of the runs, in the row's unit. */
  median: number
  runs: number
}

export interface GoalRow {
  /** What is measured, as the table's first column says it. */
  what: string
  subject: Measured
  /** What it is compared with; absent for an absolute goal (a size, a rate). */
  baseline?: Measured
  unit: 'ms' | 'KB' | 'events/s' | 'MB'
  /** The goal in words, e.g. "≤ 2× node -e 0". */
  goal: string
  met: boolean
  /** How the subject stands against the baseline, e.g. "1.6×" or "+42 ms". */
  ratio: string
}

/** Median of a list of samples. */
export function median(samples: number[]): number {
  if (samples.length === 0) throw new Error('median of no samples')
  const sorted = [...samples].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2
}

/**
 * Runs `subject` and `baseline` alternately (so both see the same machine load), `runs` times each
 * after one warm-up of each, and returns each side's median wall time in ms.
 */
export async function medianMs(
  runs: number,
  sides: { subject: () => Promise<unknown>; baseline?: () => Promise<unknown> },
): Promise<{ subject: number; baseline?: number }> {
  const timed = async (fn: () => Promise<unknown>): Promise<number> => {
    const started = performance.now()
    await fn()
    return performance.now() - started
  }
  await sides.subject()
  if (sides.baseline) await sides.baseline()
  const subject: number[] = []
  const baseline: number[] = []
  for (let run = 0; run < runs; run += 1) {
    if (sides.baseline) baseline.push(await timed(sides.baseline))
    subject.push(await timed(sides.subject))
  }
  return sides.baseline
    ? { subject: median(subject), baseline: median(baseline) }
    : { subject: median(subject) }
}

/** Records a row for the table (one JSON file per row in the run's rows folder). */
export function recordGoal(row: GoalRow): void {
  const dir = process.env.PLAUSIBLE_BENCH_ROWS
  const line = `${row.met ? 'met' : 'NOT met'}: ${row.what}: ${row.subject.label} ${row.subject.median.toFixed(1)} ${row.unit}${
    row.baseline ? ` vs ${row.baseline.label} ${row.baseline.median.toFixed(1)} ${row.unit}` : ''
  } (${row.ratio}; goal ${row.goal})`
  console.log(line)
  if (!dir) return
  mkdirSync(dir, { recursive: true })
  const name = row.what.replace(/[^a-z0-9]+/gi, '-').toLowerCase()
  writeFileSync(join(dir, `${name}.json`), JSON.stringify(row))
}

/**
 * A count measured by this run beside the same count measured before a change, with where that earlier
 * number comes from: issue 19's "what a full load now costs, compared with before".
 */
export interface CountRow {
  what: string
  now: number
  before: number
  /** Where the earlier count was measured: the commit and how. */
  beforeAt: string
  /** What makes up the count now, e.g. the calls that spent a request. */
  note: string
}

/** Records a count for the table's second part (bench/table.ts). */
export function recordCount(row: CountRow): void {
  console.log(`${row.what}: ${row.now} now, ${row.before} before (${row.beforeAt}); ${row.note}`)
  const dir = process.env.PLAUSIBLE_BENCH_ROWS
  if (!dir) return
  mkdirSync(dir, { recursive: true })
  const name = row.what.replace(/[^a-z0-9]+/gi, '-').toLowerCase()
  writeFileSync(join(dir, `count-${name}.json`), JSON.stringify({ kind: 'count', ...row }))
}
