// Reads a file of events for `events import`: NDJSON (one event object per line) or CSV (a header row
// naming name, url, domain, referrer, interactive, hashMode, revenue.currency, revenue.amount and
// props.<key> columns). Every line is checked on its own — a bad one is reported by number and reason,
// never stops the rest (§7's field rules via checkEvent, the same words as events send).
import { extname } from 'node:path'
import { describeFieldErrors } from '../../../core/api/errors'
import { checkEvent, type PlausibleEvent } from '../../../core/api/events'
import { EventInput } from '../../../shared/plausible/event'

export type EventFileFormat = 'ndjson' | 'csv'

export type ReadLine = { number: number; event: EventInput } | { number: number; error: string }

/** By extension: .csv is CSV, anything else NDJSON (.ndjson, .jsonl, .json). */
export function formatOfFile(file: string, wanted?: EventFileFormat): EventFileFormat {
  return wanted ?? (extname(file).toLowerCase() === '.csv' ? 'csv' : 'ndjson')
}

export function readEvents(text: string, format: EventFileFormat): ReadLine[] {
  return format === 'csv' ? readCsv(text) : readNdjson(text)
}

function readNdjson(text: string): ReadLine[] {
  const lines: ReadLine[] = []
  text.split('\n').forEach((raw, index) => {
    const line = raw.trim()
    if (line === '') return
    let value: unknown
    try {
      value = JSON.parse(line)
    } catch {
      lines.push({ number: index + 1, error: 'not JSON' })
      return
    }
    lines.push(checked(index + 1, value))
  })
  return lines
}

function checked(number: number, value: unknown): ReadLine {
  if (!value || typeof value !== 'object' || Array.isArray(value))
    return { number, error: 'not a JSON object' }
  // The field rules first: they name a missing url or a blank name the way the server does (§7).
  const problems = checkEvent(value as PlausibleEvent)
  if (Object.keys(problems).length > 0) return { number, error: describeFieldErrors(problems) }
  const parsed = EventInput.safeParse(value)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    const where = issue && issue.path.length > 0 ? `${issue.path.join('.')}: ` : ''
    return { number, error: `${where}${issue?.message ?? 'not an event'}` }
  }
  return { number, event: parsed.data }
}

function readCsv(text: string): ReadLine[] {
  const records = parseCsv(text)
  const header = records.shift()
  if (!header) return []
  const lines: ReadLine[] = []
  for (const { fields, line } of records) {
    if (fields.length === 1 && fields[0] === '') continue
    if (fields.length !== header.fields.length) {
      lines.push({ number: line, error: `has ${fields.length} fields, the header ${header.fields.length}` })
      continue
    }
    const event: Record<string, unknown> = {}
    const props: Record<string, string> = {}
    const revenue: Record<string, string> = {}
    header.fields.forEach((column, index) => {
      const value = fields[index] ?? ''
      if (value === '') return
      if (column.startsWith('props.')) props[column.slice('props.'.length)] = value
      else if (column === 'revenue.currency' || column === 'revenue.amount')
        revenue[column.slice('revenue.'.length)] = value
      else if (column === 'interactive' || column === 'hashMode') event[column] = value === 'true'
      else event[column] = value
    })
    if (Object.keys(props).length > 0) event.props = props
    if (Object.keys(revenue).length > 0) event.revenue = revenue
    lines.push(checked(line, event))
  }
  return lines
}

/** RFC 4180: quoted fields may hold commas, quotes ("") and line breaks; each record keeps its first line number. */
export function parseCsv(text: string): Array<{ fields: string[]; line: number }> {
  const records: Array<{ fields: string[]; line: number }> = []
  let fields: string[] = []
  let field = ''
  let isQuoted = false
  let line = 1
  let recordLine = 1
  for (let index = 0; index < text.length; index++) {
    const char = text[index]
    if (isQuoted) {
      if (char === '"' && text[index + 1] === '"') {
        field += '"'
        index++
      } else if (char === '"') isQuoted = false
      else {
        if (char === '\n') line++
        field += char
      }
      continue
    }
    if (char === '"' && field === '') isQuoted = true
    else if (char === ',') {
      fields.push(field)
      field = ''
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && text[index + 1] === '\n') index++
      fields.push(field)
      records.push({ fields, line: recordLine })
      fields = []
      field = ''
      line++
      recordLine = line
    } else field += char
  }
  if (field !== '' || fields.length > 0) {
    fields.push(field)
    records.push({ fields, line: recordLine })
  }
  return records
}
