// Global set-up of `npm run bench`: gives every benchmark file a folder to record its goal rows in,
// and at the end prints them as one table and keeps it in bench/RESULTS.md with the machine it ran on.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { cpus, release, tmpdir, totalmem } from 'node:os'
import { join, resolve } from 'node:path'
import type { CountRow, GoalRow } from './goals'

const order = ['CLI start-up', 'stats aggregate', 'events import', 'sandbox ingest', 'scheduler', 'renderer']

function rank(row: GoalRow): number {
  const at = order.findIndex((prefix) => row.what.startsWith(prefix))
  return at === -1 ? order.length : at
}

function number(value: number): string {
  return value >= 100 ? value.toFixed(0) : value.toFixed(1)
}

export function renderTable(rows: GoalRow[]): string {
  const lines = [
    '| what | measured | compared with | ratio | goal | met |',
    '|---|---|---|---|---|---|',
    ...[...rows]
      .sort((a, b) => rank(a) - rank(b))
      .map(
        (row) =>
          `| ${row.what} | ${row.subject.label}: ${number(row.subject.median)} ${row.unit} | ${
            row.baseline ? `${row.baseline.label}: ${number(row.baseline.median)} ${row.unit}` : '—'
          } | ${row.ratio} | ${row.goal} | ${row.met ? 'yes' : '**no**'} |`,
      ),
  ]
  return lines.join('\n')
}

/** The counts beside their earlier values: what changed, and what it is made of now. */
export function renderCounts(rows: CountRow[]): string {
  const signed = (n: number): string => (n > 0 ? `+${n}` : String(n))
  return [
    '| what | now | before | change | measured before at | now made of |',
    '|---|---|---|---|---|---|',
    ...rows.map(
      (row) =>
        `| ${row.what} | ${row.now} | ${row.before} | ${signed(row.now - row.before)} | ${row.beforeAt} | ${row.note} |`,
    ),
  ].join('\n')
}

export function machine(): string {
  const cpu = cpus()
  return `${process.platform} ${release()}, ${cpu.length} × ${cpu[0]?.model.trim() ?? 'unknown CPU'}, ${Math.round(
    totalmem() / 2 ** 30,
  )} GB RAM, Node ${process.version}`
}

export function setup(): () => void {
  const dir = mkdtempSync(join(tmpdir(), 'plausible-bench-rows-'))
  process.env.PLAUSIBLE_BENCH_ROWS = dir
  return () => {
    const recorded = readdirSync(dir).map(
      (file) =>
        JSON.parse(readFileSync(join(dir, file), 'utf8')) as
          (GoalRow & { kind?: undefined }) | (CountRow & { kind: 'count' }),
    )
    rmSync(dir, { recursive: true, force: true })
    const rows = recorded.filter((row): row is GoalRow & { kind?: undefined } => row.kind === undefined)
    const counts = recorded.filter((row): row is CountRow & { kind: 'count' } => row.kind === 'count')
    if (rows.length === 0 && counts.length === 0) return
    const table =
      renderTable(rows) +
      (counts.length > 0
        ? `\n\nCounts, each beside the same count measured before a change:\n\n${renderCounts(counts)}`
        : '')
    console.log(`\n${table}\n`)
    // A partial run (one file picked by name) prints its rows but keeps the full table on record.
    if (process.env.PLAUSIBLE_BENCH_KEEP === '0') return
    const when = new Date().toISOString().slice(0, 16).replace('T', ' ')
    writeFileSync(
      resolve(__dirname, 'RESULTS.md'),
      `# Benchmark results\n\nThe last \`npm run bench\`, ${when} UTC, on ${machine()}.\n` +
        'Each row is the median of at least 5 runs of the subject and of what it is compared with, ' +
        'measured alternately in the same run.\n\n' +
        `${table}\n`,
    )
  }
}
