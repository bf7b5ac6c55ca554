// Import files of Events API events, read the same way by `plausible events import` and the window's
// import screen: NDJSON (one event object per line) or CSV (a header row, one event per record). Every
// line is checked on its own — a bad one is reported by its line number and reason, never stops the rest —
// with §7's field rules in the words `events send` uses.
import { EventInput } from './event'
import { checkEvent } from './event-rules'

export type EventFileFormat = 'ndjson' | 'csv'

export interface ParsedLine {
  /** 1-based line in the file (for CSV, the header is line 1; a record keeps its first line). */
  line: number
  event: EventInput | null
  /** What is wrong with this line, one entry per field or reason. Empty when the event may be sent. */
  problems: string[]
}

export interface ParsedFile {
  format: EventFileFormat
  lines: ParsedLine[]
  /** Lines whose event may be sent. */
  valid: number
  invalid: number
  /** Why the file holds no line to check at all ("is empty", "has only a header row"…); null when it has lines. */
  empty: string | null
}

const eventKeys = ['name', 'url', 'domain', 'referrer', 'props', 'revenue', 'interactive', 'hashMode']

/** CSV columns and the event field each fills; revenue takes `revenue.amount` or `revenue_amount`. */
const textColumns = ['name', 'url', 'domain', 'referrer'] as const
const booleanColumns = ['interactive', 'hashMode'] as const
const revenueColumns: Record<string, 'amount' | 'currency'> = {
  'revenue.amount': 'amount',
  revenue_amount: 'amount',
  'revenue.currency': 'currency',
  revenue_currency: 'currency',
}
const columnList = [...textColumns, ...booleanColumns, 'revenue.amount', 'revenue.currency', 'props.<key>']

/**
 * The idempotency key of one line of an import: the file's digest (the first 16 hex digits of the SHA-256
 * of its text) and the line. The CLI and the window key lines alike, so a file imported by either, again
 * and again, sends each event once per account.
 */
export function importLineKey(fileDigest: string, line: number): string {
  return `import-${fileDigest}-${line}`
}

/** `wanted`, else by extension (.csv; .ndjson/.jsonl/.json), else by the first line: `{` is NDJSON. */
export function formatOfEventFile(text: string, fileName = '', wanted?: EventFileFormat): EventFileFormat {
  if (wanted) return wanted
  if (/\.csv$/i.test(fileName)) return 'csv'
  if (/\.(nd)?jsonl?$/i.test(fileName)) return 'ndjson'
  const firstLine = text.split(/\r?\n/).find((line) => line.trim() !== '') ?? ''
  return firstLine.trim().startsWith('{') ? 'ndjson' : 'csv'
}

export function parseEventFile(
  text: string,
  options: { fileName?: string; format?: EventFileFormat } = {},
): ParsedFile {
  const reader = createEventFileReader(options)
  const lines = [...reader.push(text), ...reader.end()]
  const valid = lines.filter((line) => line.event !== null && line.problems.length === 0).length
  return { format: reader.format(), lines, valid, invalid: lines.length - valid, empty: reader.empty() }
}

export interface EventFileReader {
  /** The next piece of the file's text: the lines it completed, in order. */
  push(text: string): ParsedLine[]
  /** The end of the file: its last lines. */
  end(): ParsedLine[]
  /** The asked format, else by the extension, else by the first line that is not blank. */
  format(): EventFileFormat
  /** After end(): why the file holds no line at all ("is empty"…), as parseEventFile says; null when it has lines. */
  empty(): string | null
}

/**
 * Reads an event file piece by piece, as parseEventFile reads it whole (the same lines, numbers and
 * problems): an import of a million lines holds one piece at a time. With `check: false` the lines
 * are only told apart, not checked — each comes with `event: null` and no problem (a CSV header with
 * an unknown column is still refused) — which is enough to count them.
 */
export function createEventFileReader(
  options: { fileName?: string; format?: EventFileFormat; check?: boolean } = {},
): EventFileReader {
  const isChecking = options.check ?? true
  let format: EventFileFormat | null =
    options.format ?? (/\.csv$/i.test(options.fileName ?? '') ? 'csv' : null)
  if (!format && /\.(nd)?jsonl?$/i.test(options.fileName ?? '')) format = 'ndjson'
  // Before the format is known (no option, no extension), the text waits for its first line that is not blank.
  let head = ''
  let sawText = false
  let sawNonBlank = false
  let count = 0
  const ndjson = createNdjsonLines()
  const csvRows = createCsvSplitter()
  const csvEvents = createCsvEvents(isChecking)

  const feed = (text: string, isEnd: boolean): ParsedLine[] => {
    const out =
      format === 'csv'
        ? [...csvRows.push(text), ...(isEnd ? csvRows.end() : [])].flatMap(csvEvents)
        : [...ndjson.push(text), ...(isEnd ? ndjson.end() : [])].flatMap(({ line, raw }) =>
            raw.trim() === '' ? [] : [isChecking ? ndjsonLine(line, raw) : unchecked(line)],
          )
    count += out.length
    return out
  }

  return {
    push(text) {
      if (text === '') return []
      sawText = true
      if (!sawNonBlank && /\S/.test(text)) sawNonBlank = true
      if (format) return feed(text, false)
      head += text
      const firstLine = head
        .split('\n')
        .slice(0, -1)
        .find((line) => line.trim() !== '')
      if (firstLine === undefined) return []
      format = firstLine.trim().startsWith('{') ? 'ndjson' : 'csv'
      const waiting = head
      head = ''
      return feed(waiting, false)
    },
    end() {
      if (!format) format = formatOfEventFile(head, options.fileName, options.format)
      const waiting = head
      head = ''
      return feed(waiting, true)
    },
    format: () => format ?? formatOfEventFile(head, options.fileName, options.format),
    empty() {
      if (count > 0) return null
      if (!sawText) return 'is empty'
      if (!sawNonBlank) return 'has only blank lines'
      return format === 'csv' ? 'has only a header row' : 'has only blank lines'
    },
  }
}

const unchecked = (line: number): ParsedLine => ({ line, event: null, problems: [] })

/** NDJSON's lines as they come, numbered from 1, the last one given at the end even when empty. */
function createNdjsonLines(): {
  push(text: string): Array<{ line: number; raw: string }>
  end(): Array<{ line: number; raw: string }>
} {
  let rest = ''
  let number = 0
  return {
    push(text) {
      const pieces = (rest + text).split('\n')
      rest = pieces.pop() ?? ''
      return pieces.map((raw) => ({ line: (number += 1), raw }))
    },
    end() {
      const raw = rest
      rest = ''
      return [{ line: (number += 1), raw }]
    },
  }
}

function ndjsonLine(line: number, raw: string): ParsedLine {
  let value: unknown
  try {
    value = JSON.parse(raw)
  } catch {
    return refused(line, 'not JSON')
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return refused(line, 'not a JSON object')
  return checked(line, value as Record<string, unknown>)
}

/** CSV rows as events: the first row is the header; a header with an unknown column refuses the file. */
function createCsvEvents(isChecking: boolean): (row: CsvRow) => ParsedLine[] {
  let columns: string[] | null = null
  let isRefused = false
  const isKnown = (column: string): boolean =>
    (textColumns as readonly string[]).includes(column) ||
    (booleanColumns as readonly string[]).includes(column) ||
    column in revenueColumns ||
    (column.startsWith('props.') && column.length > 'props.'.length)
  return (row) => {
    if (isRefused) return []
    if (!columns) {
      columns = row.cells.map((cell) => cell.trim())
      const unknown = columns.filter((column) => !isKnown(column))
      if (unknown.length === 0) return []
      isRefused = true
      return [
        refused(
          row.line,
          `unknown column ${unknown.map((column) => JSON.stringify(column)).join(', ')} (columns: ${columnList.join(', ')})`,
        ),
      ]
    }
    if (row.cells.every((cell) => cell.trim() === '')) return []
    if (!isChecking) return [unchecked(row.line)]
    return [csvLine(columns, row)]
  }
}

function csvLine(columns: readonly string[], row: CsvRow): ParsedLine {
  if (row.cells.length !== columns.length)
    return refused(row.line, `has ${row.cells.length} fields, the header ${columns.length}`)
  const event: Record<string, unknown> = {}
  const props: Record<string, string> = {}
  const revenue: Record<string, string> = {}
  columns.forEach((column, index) => {
    const value = row.cells[index]?.trim() ?? ''
    // An empty cell leaves the field out, so a missing url reads "url: is required".
    if (value === '') return
    if (column.startsWith('props.')) props[column.slice('props.'.length)] = value
    else if (column in revenueColumns) revenue[revenueColumns[column] as string] = value
    else if ((booleanColumns as readonly string[]).includes(column)) event[column] = value === 'true'
    else event[column] = value
  })
  if (Object.keys(props).length > 0) event.props = props
  if (Object.keys(revenue).length > 0) event.revenue = revenue
  return checked(row.line, event)
}

/**
 * What both faces say of a file with no line to send or refuse (the CLI as its error, the window under
 * the file picker): a bare "0 events" would not tell an empty file from a broken reader.
 */
export function emptyEventFileMessage(fileName: string, parsed: ParsedFile): string | null {
  return parsed.empty === null ? null : `${fileName} ${parsed.empty}: there is no event to import.`
}

/** The server's field rules first (a missing url is named as the server names it), then the event's shape. */
function checked(line: number, value: Record<string, unknown>): ParsedLine {
  const unknown = Object.keys(value).filter((key) => !eventKeys.includes(key))
  if (unknown.length > 0)
    return refused(
      line,
      `unknown field ${unknown.map((key) => JSON.stringify(key)).join(', ')} (fields: ${eventKeys.join(', ')})`,
    )
  const rules = Object.entries(checkEvent(value)).map(
    ([field, messages]) => `${field}: ${messages.join(', ')}`,
  )
  if (rules.length > 0) return { line, event: null, problems: rules }
  const parsed = EventInput.safeParse(value)
  if (parsed.success) return { line, event: parsed.data, problems: [] }
  const issue = parsed.error.issues[0]
  const where = issue && issue.path.length > 0 ? `${issue.path.join('.')}: ` : ''
  return refused(line, `${where}${issue?.message ?? 'not an event'}`)
}

const refused = (line: number, problem: string): ParsedLine => ({ line, event: null, problems: [problem] })

export interface CsvRow {
  /** The line the row starts on (a quoted cell may hold line breaks). */
  line: number
  cells: string[]
}

/** RFC 4180: commas, "quoted" cells with "" for a quote and line breaks inside quotes; CRLF or LF. */
export function parseCsv(text: string): CsvRow[] {
  const splitter = createCsvSplitter()
  return [...splitter.push(text), ...splitter.end()]
}

/**
 * parseCsv piece by piece: the rows each piece completes. A quote or a CR at the end of a piece waits for
 * the next one, which says whether it was a doubled quote or a CRLF.
 */
export function createCsvSplitter(): { push(text: string): CsvRow[]; end(): CsvRow[] } {
  let cells: string[] = []
  let cell = ''
  let isQuoted = false
  let line = 1
  let rowLine = 1
  let held = ''
  const special = /[",\r\n]/g

  const scan = (input: string, isEnd: boolean): CsvRow[] => {
    const rows: CsvRow[] = []
    const text = held + input
    held = ''
    let i = 0
    while (i < text.length) {
      if (isQuoted) {
        const quote = text.indexOf('"', i)
        const stop = quote === -1 ? text.length : quote
        const run = text.slice(i, stop)
        cell += run
        for (let at = run.indexOf('\n'); at !== -1; at = run.indexOf('\n', at + 1)) line += 1
        if (quote === -1) break
        if (quote + 1 === text.length && !isEnd) {
          held = '"'
          break
        }
        if (text[quote + 1] === '"') {
          cell += '"'
          i = quote + 2
        } else {
          isQuoted = false
          i = quote + 1
        }
        continue
      }
      special.lastIndex = i
      const match = special.exec(text)
      const stop = match ? match.index : text.length
      if (stop > i) cell += text.slice(i, stop)
      if (!match) break
      const char = text[stop]
      if (char === '"') {
        if (cell === '') isQuoted = true
        else cell += '"'
        i = stop + 1
      } else if (char === ',') {
        cells.push(cell)
        cell = ''
        i = stop + 1
      } else {
        if (char === '\r' && stop + 1 === text.length && !isEnd) {
          held = '\r'
          break
        }
        i = char === '\r' && text[stop + 1] === '\n' ? stop + 2 : stop + 1
        cells.push(cell)
        rows.push({ line: rowLine, cells })
        cells = []
        cell = ''
        line += 1
        rowLine = line
      }
    }
    return rows
  }

  return {
    push: (text) => scan(text, false),
    end() {
      const rows = scan('', true)
      if (cell !== '' || cells.length > 0) {
        cells.push(cell)
        rows.push({ line: rowLine, cells })
      }
      cells = []
      cell = ''
      return rows
    },
  }
}
