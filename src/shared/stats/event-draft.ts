// The events screen's pure half: a composer's fields as an Events API event, whether a site goal will count
// it (plausible-api.md §7 and peers.md §5.8: the server keeps events without a goal but never shows or
// backfills them), and NDJSON/CSV files read into events with a problem list per line.
import type { EventInput } from '../plausible/event'
import { checkEvent } from '../plausible/event-rules'

export interface PropRow {
  key: string
  value: string
}

export interface EventDraft {
  name: string
  url: string
  /** Empty: the server takes the URL's host. */
  domain: string
  referrer: string
  props: PropRow[]
  revenueAmount: string
  revenueCurrency: string
}

export const emptyDraft: EventDraft = {
  name: 'pageview',
  url: '',
  domain: '',
  referrer: '',
  props: [],
  revenueAmount: '',
  revenueCurrency: 'USD',
}

/** The event the draft describes: empty optional fields left out, prop rows without a key ignored. */
export function draftToEvent(draft: EventDraft): EventInput {
  const props = Object.fromEntries(
    draft.props.filter((row) => row.key.trim() !== '').map((row) => [row.key.trim(), row.value]),
  )
  const amount = draft.revenueAmount.trim()
  return {
    name: draft.name.trim(),
    url: draft.url.trim(),
    ...(draft.domain.trim() ? { domain: draft.domain.trim() } : {}),
    ...(draft.referrer.trim() ? { referrer: draft.referrer.trim() } : {}),
    ...(Object.keys(props).length > 0 ? { props } : {}),
    ...(amount ? { revenue: { currency: draft.revenueCurrency.trim().toUpperCase(), amount } } : {}),
  }
}

/** The §7 problems of the event, field by field (empty when it may be sent). */
export function draftProblems(draft: EventDraft): Record<string, string[]> {
  return checkEvent(draftToEvent(draft))
}

export interface GoalLike {
  displayName: string
  goalType: 'event' | 'page'
  eventName: string | null
  pagePath: string | null
}

/** A page goal's path with `*` (any run of characters within the path) and `**`, as the dashboard accepts. */
function pathMatches(pattern: string, path: string): boolean {
  const source = pattern
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*')
  return new RegExp(`^${source}$`).test(path)
}

function pathOf(url: string): string | null {
  try {
    return new URL(url).pathname
  } catch {
    return null
  }
}

/**
 * The goals this event converts: a custom event matches an event goal of the same name; a pageview matches
 * page goals whose path (with `*` wildcards) matches the URL's path.
 */
export function matchingGoals<G extends GoalLike>(event: Pick<EventInput, 'name' | 'url'>, goals: G[]): G[] {
  const name = String(event.name)
  if (name === 'pageview') {
    const path = pathOf(event.url)
    if (path === null) return []
    return goals.filter(
      (goal) => goal.goalType === 'page' && goal.pagePath && pathMatches(goal.pagePath, path),
    )
  }
  return goals.filter((goal) => goal.goalType === 'event' && goal.eventName === name)
}

export interface ParsedLine {
  /** 1-based line in the file (for CSV, the header is line 1). */
  line: number
  event: EventInput | null
  /** What is wrong with this line: unreadable, or the §7 rules. Empty when the event may be sent. */
  problems: string[]
}

export interface ParsedFile {
  format: 'ndjson' | 'csv'
  lines: ParsedLine[]
  /** Lines whose event may be sent. */
  valid: number
  invalid: number
}

const eventKeys = new Set([
  'name',
  'url',
  'domain',
  'referrer',
  'props',
  'revenue',
  'interactive',
  'hashMode',
])

/** Reads an import file: `.csv` (or a first line that is not JSON) as CSV, anything else as NDJSON. */
export function parseEventFile(text: string, fileName = ''): ParsedFile {
  const firstLine = text.split(/\r?\n/).find((line) => line.trim() !== '') ?? ''
  const isCsv =
    /\.csv$/i.test(fileName) || (!/\.(nd)?jsonl?$/i.test(fileName) && !firstLine.trim().startsWith('{'))
  const lines = isCsv ? parseCsvEvents(text) : parseNdjsonEvents(text)
  const valid = lines.filter((line) => line.event !== null && line.problems.length === 0).length
  return { format: isCsv ? 'csv' : 'ndjson', lines, valid, invalid: lines.length - valid }
}

function checked(line: number, event: EventInput): ParsedLine {
  const problems = Object.entries(checkEvent(event)).flatMap(([field, messages]) =>
    messages.map((message) => `${field} ${message}`),
  )
  return { line, event, problems }
}

function parseNdjsonEvents(text: string): ParsedLine[] {
  const out: ParsedLine[] = []
  text.split(/\r?\n/).forEach((raw, index) => {
    if (raw.trim() === '') return
    let value: unknown
    try {
      value = JSON.parse(raw)
    } catch {
      out.push({ line: index + 1, event: null, problems: ['not valid JSON'] })
      return
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      out.push({ line: index + 1, event: null, problems: ['not a JSON object'] })
      return
    }
    const unknown = Object.keys(value).filter((key) => !eventKeys.has(key))
    if (unknown.length > 0) {
      out.push({
        line: index + 1,
        event: null,
        problems: [
          `unknown field ${unknown.map((k) => JSON.stringify(k)).join(', ')} (use long keys: ${[...eventKeys].join(', ')})`,
        ],
      })
      return
    }
    out.push(checked(index + 1, value as EventInput))
  })
  return out
}

/**
 * CSV with a header row: name, url, domain, referrer, revenue_amount, revenue_currency, and one
 * `props.<key>` column per property (an empty cell leaves that property out).
 */
function parseCsvEvents(text: string): ParsedLine[] {
  const rows = parseCsv(text)
  const header = rows.shift()
  if (!header) return []
  const columns = header.cells.map((cell) => cell.trim())
  const known = new Set(['name', 'url', 'domain', 'referrer', 'revenue_amount', 'revenue_currency'])
  const unknown = columns.filter((column) => !known.has(column) && !column.startsWith('props.'))
  if (!columns.includes('name') || !columns.includes('url') || unknown.length > 0) {
    const problem =
      unknown.length > 0
        ? `unknown column ${unknown.map((c) => JSON.stringify(c)).join(', ')} (columns: name, url, domain, referrer, revenue_amount, revenue_currency, props.<key>)`
        : 'the header needs at least the columns name and url'
    return [{ line: header.line, event: null, problems: [problem] }]
  }
  return rows
    .filter((row) => row.cells.some((cell) => cell.trim() !== ''))
    .map((row) => {
      const get = (column: string): string => row.cells[columns.indexOf(column)]?.trim() ?? ''
      const props: Record<string, string> = {}
      columns.forEach((column, index) => {
        const value = row.cells[index]?.trim() ?? ''
        if (column.startsWith('props.') && value !== '') props[column.slice('props.'.length)] = value
      })
      const amount = get('revenue_amount')
      const event: EventInput = {
        name: get('name'),
        url: get('url'),
        ...(get('domain') ? { domain: get('domain') } : {}),
        ...(get('referrer') ? { referrer: get('referrer') } : {}),
        ...(Object.keys(props).length > 0 ? { props } : {}),
        ...(amount ? { revenue: { currency: get('revenue_currency') || 'USD', amount } } : {}),
      }
      return checked(row.line, event)
    })
}

/** RFC 4180: commas, "quoted" cells with "" for a quote and line breaks inside quotes. */
export function parseCsv(text: string): Array<{ line: number; cells: string[] }> {
  const rows: Array<{ line: number; cells: string[] }> = []
  let cells: string[] = []
  let cell = ''
  let quoted = false
  let line = 1
  let rowLine = 1
  for (let i = 0; i < text.length; i++) {
    const char = text[i]
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        cell += '"'
        i++
      } else if (char === '"') quoted = false
      else {
        if (char === '\n') line++
        cell += char
      }
    } else if (char === '"') quoted = true
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
