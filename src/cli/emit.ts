// Where a command's result goes and in which shape: a table for people (the default), one JSON
// document, NDJSON rows or CSV for machines; to stdout or, with --output, into a file (output-file.ts).
import { InvalidArgumentError, Option, type Command } from 'commander'
import { PlausibleError } from '../shared/errors'
import type { CliContext } from './context'
import { renderTable } from './output'

export const outputFormats = ['table', 'json', 'ndjson', 'csv'] as const
export type EmitFormat = (typeof outputFormats)[number]

export interface OutputFlags {
  json?: boolean
  format?: EmitFormat
  output?: string
  compact?: boolean
  /** --ndjson and --csv: short for --format ndjson and --format csv, as --json is for --format json. */
  ndjson?: boolean
  csv?: boolean
}

export interface Emission {
  /** The JSON document (--json, --format json): the command's documented output schema. */
  value: unknown
  /** The same result as flat rows, for tables, NDJSON and CSV. Without rows, those print `value`. */
  rows?: Array<Record<string, unknown>>
  /** A human rendering for the table format, when rows alone would not read well. */
  text?: string
}

export const compactHelp =
  'JSON with fewer tokens and the same facts (implies --json): null fields left out, lists of objects as {"columns","rows"} where shorter'

/** --json and --compact alone, for commands whose people-facing output is their own text (accounts *). */
export function addJsonOptions(command: Command): Command {
  return command.option('--json', 'print one JSON document on stdout').option('--compact', compactHelp)
}

export function addOutputOptions(command: Command): Command {
  return command
    .option('--json', 'print one JSON document on stdout (same as --format json)')
    .addOption(
      new Option(
        '--format <format>',
        'table (default), json, ndjson (one row per line) or csv; --ndjson and --csv are short for the last two',
      ).choices(outputFormats),
    )
    .addOption(new Option('--ndjson').hideHelp())
    .addOption(new Option('--csv').hideHelp())
    .option('--compact', compactHelp)
    .addOption(
      new Option(
        '--output <file>',
        'write the result to this file instead of stdout (a regular file is replaced atomically; a link, FIFO or device is written through)',
      ).argParser(nonEmpty),
    )
}

export function formatFrom(flags: OutputFlags): EmitFormat {
  // Each flag that names a format, as the user typed it: two different ones are a contradiction.
  const asked: Array<[flag: string, format: EmitFormat]> = [
    ...(flags.json ? [['--json', 'json'] as [string, EmitFormat]] : []),
    ...(flags.ndjson ? [['--ndjson', 'ndjson'] as [string, EmitFormat]] : []),
    ...(flags.csv ? [['--csv', 'csv'] as [string, EmitFormat]] : []),
    ...(flags.format ? [[`--format ${flags.format}`, flags.format] as [string, EmitFormat]] : []),
  ]
  if (new Set(asked.map(([, format]) => format)).size > 1) {
    throw new PlausibleError('USAGE', {
      message: `${asked.map(([flag]) => flag).join(' and ')} ask for two formats.`,
      hint: 'Use one of them: --json, --ndjson and --csv are the same as --format json, ndjson and csv.',
    })
  }
  const [named] = asked
  if (flags.compact && named && (named[1] === 'table' || named[1] === 'csv')) {
    throw new PlausibleError('USAGE', {
      message: `--compact shapes JSON, and ${named[0]} is not JSON.`,
      hint: 'Use --compact alone (or with --json or --format ndjson), or drop it.',
    })
  }
  // --compact asks for JSON with fewer tokens: alone, it means JSON rather than a table nobody parses.
  return named?.[1] ?? (flags.compact ? 'json' : 'table')
}

export async function emit(
  ctx: Pick<CliContext, 'stdout'> & Partial<Pick<CliContext, 'stderr'>>,
  flags: OutputFlags,
  emission: Emission,
): Promise<void> {
  const text = render(formatFrom(flags), flags.compact === true, emission)
  if (!flags.output) {
    ctx.stdout.write(text)
    return
  }
  // Loaded only for --output: it brings the atomic file writer of the core.
  const { writeOutputFile } = await import('./output-file')
  await writeOutputFile(flags.output, text, { streams: { stdout: ctx.stdout, stderr: ctx.stderr } })
}

export function render(format: EmitFormat, compact: boolean, emission: Emission): string {
  const { value, rows } = emission
  switch (format) {
    case 'json':
      return `${JSON.stringify(compact ? compactJson(value) : value)}\n`
    case 'ndjson':
      return (rows ?? [value]).map((row) => `${JSON.stringify(compact ? compactJson(row) : row)}\n`).join('')
    case 'csv':
      return toCsv(rows ?? [flatten(value)])
    case 'table': {
      if (emission.text !== undefined) return emission.text
      const list = rows ?? [flatten(value)]
      const header = columnsOf(list)
      return renderTable(
        header,
        list.map((row) => header.map((column) => cell(row[column]))),
      )
    }
  }
}

/**
 * --compact: the same document, every fact kept, fewer tokens. Two re-encodings, both reversible:
 * - an object's null field is left out, since the output schemas treat an absent field as null;
 * - a list of objects becomes `{"columns": [...], "rows": [[...], ...]}` (the keys once, then the values
 *   by position, null where an object lacks the key) wherever that is shorter than the list itself —
 *   a list of one object, or of objects with few shared keys, stays a list.
 * Both apply at every depth. A reader expands `{columns, rows}` back into objects and reads a missing
 * field as null (test/helpers/compact-json.ts does exactly that).
 */
export function compactJson(value: unknown): unknown {
  if (Array.isArray(value)) {
    // A null in a list is a position, not an absent field: it stays.
    const list = value.map(compactJson)
    if (list.length === 0 || !list.every(isRecord)) return list
    const columns = columnsOf(list)
    const table = { columns, rows: list.map((record) => columns.map((column) => record[column] ?? null)) }
    return JSON.stringify(table).length < JSON.stringify(list).length ? table : list
  }
  if (isRecord(value)) {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, entry]) => entry !== null && entry !== undefined)
        .map(([key, entry]) => [key, compactJson(entry)]),
    )
  }
  return value
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** One level of nesting becomes dotted columns, so an object reads as one row. */
function flatten(value: unknown): Record<string, unknown> {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return { value }
  const row: Record<string, unknown> = {}
  for (const [key, entry] of Object.entries(value)) {
    if (entry && typeof entry === 'object' && !Array.isArray(entry)) {
      for (const [inner, innerValue] of Object.entries(entry)) row[`${key}.${inner}`] = innerValue
    } else row[key] = entry
  }
  return row
}

function columnsOf(rows: Array<Record<string, unknown>>): string[] {
  const columns: string[] = []
  for (const row of rows) for (const key of Object.keys(row)) if (!columns.includes(key)) columns.push(key)
  return columns
}

function cell(value: unknown): string | number {
  if (typeof value === 'number') return value
  if (value === null || value === undefined) return '—'
  return typeof value === 'object' ? JSON.stringify(value) : String(value)
}

/** RFC 4180: quote fields with commas, quotes or line breaks; double the quotes. */
export function toCsv(rows: Array<Record<string, unknown>>): string {
  const columns = columnsOf(rows)
  const field = (value: unknown): string => {
    const text =
      value === null || value === undefined
        ? ''
        : typeof value === 'object'
          ? JSON.stringify(value)
          : String(value)
    return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
  }
  return [columns, ...rows.map((row) => columns.map((column) => row[column]))]
    .map((line) => `${line.map(field).join(',')}\r\n`)
    .join('')
}

function nonEmpty(value: string): string {
  if (value.trim() === '') throw new InvalidArgumentError('--output takes a file path.')
  return value
}
