// Import files of Events API events, read the same way by `plausible events import` and the window's
// import screen: NDJSON (one event object per line) or CSV (a header row, one event per record). Every
// line is checked on its own — a bad one is reported by its line number and reason, never stops the rest —
// with §7's field rules in the words `events send` uses.
import { EventInput } from './event'
import { checkEvent, type CheckedEvent } from './event-rules'

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
  const format = formatOfEventFile(text, options.fileName, options.format)
  const lines = format === 'csv' ? parseCsvEvents(text) : parseNdjsonEvents(text)
  const valid = lines.filter((line) => line.event !== null && line.problems.length === 0).length
  return { format, lines, valid, invalid: lines.length - valid, empty: emptinessOf(text, format, lines) }
}

/**
 * What both faces say of a file with no line to send or refuse (the CLI as its error, the window under
 * the file picker): a bare "0 events" would not tell an empty file from a broken reader.
 */
export function emptyEventFileMessage(fileName: string, parsed: ParsedFile): string | null {
  return parsed.empty === null ? null : `${fileName} ${parsed.empty}: there is no event to import.`
}

function emptinessOf(text: string, format: EventFileFormat, lines: readonly ParsedLine[]): string | null {
  if (lines.length > 0) return null
  if (text === '') return 'is empty'
  if (text.trim() === '') return 'has only blank lines'
  return format === 'csv' ? 'has only a header row' : 'has only blank lines'
}

/** The field rules first (they name a missing url the way the server does), then the event's shape. */
function checked(line: number, value: Record<string, unknown>): ParsedLine {
  const unknown = Object.keys(value).filter((key) => !eventKeys.includes(key))
  if (unknown.length > 0)
    return refused(
      line,
      `unknown field ${unknown.map((key) => JSON.stringify(key)).join(', ')} (fields: ${eventKeys.join(', ')})`,
    )
  const rules = Object.entries(checkEvent(value as unknown as CheckedEvent)).map(
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

function parseNdjsonEvents(text: string): ParsedLine[] {
  const out: ParsedLine[] = []
  text.split('\n').forEach((raw, index) => {
    if (raw.trim() === '') return
    let value: unknown
    try {
      value = JSON.parse(raw)
    } catch {
      out.push(refused(index + 1, 'not JSON'))
      return
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value))
      out.push(refused(index + 1, 'not a JSON object'))
    else out.push(checked(index + 1, value as Record<string, unknown>))
  })
  return out
}

function parseCsvEvents(text: string): ParsedLine[] {
  const rows = parseCsv(text)
  const header = rows.shift()
  if (!header) return []
  const columns = header.cells.map((cell) => cell.trim())
  const isKnown = (column: string): boolean =>
    (textColumns as readonly string[]).includes(column) ||
    (booleanColumns as readonly string[]).includes(column) ||
    column in revenueColumns ||
    (column.startsWith('props.') && column.length > 'props.'.length)
  const unknown = columns.filter((column) => !isKnown(column))
  if (unknown.length > 0)
    return [
      refused(
        header.line,
        `unknown column ${unknown.map((column) => JSON.stringify(column)).join(', ')} (columns: ${columnList.join(', ')})`,
      ),
    ]
  const out: ParsedLine[] = []
  for (const row of rows) {
    if (row.cells.every((cell) => cell.trim() === '')) continue
    if (row.cells.length !== columns.length) {
      out.push(refused(row.line, `has ${row.cells.length} fields, the header ${columns.length}`))
      continue
    }
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
    out.push(checked(row.line, event))
  }
  return out
}

/** RFC 4180: commas, "quoted" cells with "" for a quote and line breaks inside quotes; CRLF or LF. */
export function parseCsv(text: string): Array<{ line: number; cells: string[] }> {
  const rows: Array<{ line: number; cells: string[] }> = []
  let cells: string[] = []
  let cell = ''
  let isQuoted = false
  let line = 1
  let rowLine = 1
  for (let i = 0; i < text.length; i++) {
    const char = text[i]
    if (isQuoted) {
      if (char === '"' && text[i + 1] === '"') {
        cell += '"'
        i++
      } else if (char === '"') isQuoted = false
      else {
        if (char === '\n') line++
        cell += char
      }
    } else if (char === '"' && cell === '') isQuoted = true
    else if (char === ',') {
      cells.push(cell)
      cell = ''
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && text[i + 1] === '\n') i++
      cells.push(cell)
      rows.push({ line: rowLine, cells })
      cells = []
      cell = ''
      line++
      rowLine = line
    } else cell += char
  }
  if (cell !== '' || cells.length > 0) {
    cells.push(cell)
    rows.push({ line: rowLine, cells })
  }
  return rows
}
