import { describe, expect, it } from 'vitest'
import { compactJson, formatFrom, render, toCsv } from '../../../src/cli/emit'
import { expandCompact, withoutNullFields } from '../../helpers/compact-json'

const emission = {
  value: { site: 'a.com', metrics: { visitors: 12, bounce_rate: null } },
  rows: [
    { metric: 'visitors', value: 12 },
    { metric: 'bounce_rate', value: null },
  ],
}

describe('emit', () => {
  it('prints the documented JSON document, or the same facts with fewer tokens', () => {
    expect(render('json', false, emission)).toBe(
      '{"site":"a.com","metrics":{"visitors":12,"bounce_rate":null}}\n',
    )
    // The compact form re-encodes the value; the table rows (a view for people) play no part in it.
    expect(render('json', true, emission)).toBe('{"site":"a.com","metrics":{"visitors":12}}\n')
    expect(render('json', true, { value: { a: 1, b: null } })).toBe('{"a":1}\n')
  })

  it('keeps every field of the value: the old compact form printed only the table of the rows', () => {
    // The shape `queue inspect` prints: before, --compact printed only {"columns":[],"rows":[]}.
    const inspection = { pending: 0, isDelivering: true, jobs: [], requests: [], budget: null }
    expect(compactJson(inspection)).toEqual({ pending: 0, isDelivering: true, jobs: [], requests: [] })
  })

  it('writes a list of objects as columns and rows where that is shorter, and as a list where not', () => {
    const source = (name: string, visitors: number) => ({ source: name, visitors })
    // Three rows: the keys once beat the keys three times (76 characters against 95).
    expect(compactJson([source('Google', 1), source('Bing', 2), source('DDG', 3)])).toEqual({
      columns: ['source', 'visitors'],
      rows: [
        ['Google', 1],
        ['Bing', 2],
        ['DDG', 3],
      ],
    })
    // Two rows: the list is one character shorter (65 against 66), so it stays a list; so does one row.
    expect(compactJson([source('Google', 1), source('Bing', 2)])).toEqual([
      source('Google', 1),
      source('Bing', 2),
    ])
    expect(compactJson([source('Google', 1)])).toEqual([source('Google', 1)])
    // A key some objects lack is null in their rows.
    expect(
      compactJson([
        { id: 'a', state: 'pending', lastError: null, nextAttemptAt: '2026-01-01T00:00:00Z' },
        { id: 'b', state: 'failed', lastError: { code: 'NETWORK', hint: null }, attempts: 3 },
        { id: 'c', state: 'failed', lastError: { code: 'SERVER_ERROR' }, attempts: 5 },
      ]),
    ).toEqual({
      columns: ['id', 'state', 'nextAttemptAt', 'lastError', 'attempts'],
      rows: [
        ['a', 'pending', '2026-01-01T00:00:00Z', null, null],
        ['b', 'failed', null, { code: 'NETWORK' }, 3],
        ['c', 'failed', null, { code: 'SERVER_ERROR' }, 5],
      ],
    })
  })

  it('drops null fields at every depth and keeps nulls that hold a place in a list', () => {
    expect(compactJson({ a: { b: { c: null, d: 0, e: '' } }, list: [1, null, 2], f: false })).toEqual({
      a: { b: { d: 0, e: '' } },
      list: [1, null, 2],
      f: false,
    })
    // A list mixing objects and other values is left a list; its objects are compacted.
    expect(compactJson([{ a: 1, b: null }, 2, null])).toEqual([{ a: 1 }, 2, null])
    expect(compactJson([])).toEqual([])
  })

  it('expands back to the full document less its null fields', () => {
    const hour = (at: string, cli: number | null) => ({ hourStartedAt: at, bySource: { cli, tray: 0 } })
    const full = {
      dryRun: true,
      invalid: [{ line: 2, reason: 'not JSON' }],
      requests: [
        { line: 1, body: { name: 'pageview', props: null } },
        { line: 3, body: { name: 'Signup', props: { plan: 'pro' } }, extra: [null, { x: null }] },
        { line: 4, body: { name: 'Signup', props: null }, hours: [hour('10:00', 1), hour('11:00', null)] },
        { line: 5, body: null, hours: [hour('10:00', 2), hour('11:00', 3), hour('12:00', 4)] },
      ],
      empty: null,
    }
    const compact = compactJson(full)
    expect(JSON.stringify(compact)).toContain('"columns":["hourStartedAt","bySource"]')
    expect(expandCompact(compact)).toEqual(withoutNullFields(full))
    expect(expandCompact(compact)).not.toEqual(withoutNullFields({ ...full, invalid: [] }))
  })

  it('prints compact NDJSON rows with the same re-encoding', () => {
    expect(render('ndjson', true, emission)).toBe(
      '{"metric":"visitors","value":12}\n{"metric":"bounce_rate"}\n',
    )
  })

  it('prints one row per line as NDJSON', () => {
    expect(render('ndjson', false, emission)).toBe(
      '{"metric":"visitors","value":12}\n{"metric":"bounce_rate","value":null}\n',
    )
  })

  it('writes RFC 4180 CSV, quoting commas, quotes and line breaks', () => {
    expect(render('csv', false, emission)).toBe('metric,value\r\nvisitors,12\r\nbounce_rate,\r\n')
    expect(toCsv([{ page: '/a,b', title: 'say "hi"', note: 'two\nlines' }])).toBe(
      'page,title,note\r\n"/a,b","say ""hi""","two\nlines"\r\n',
    )
  })

  it("draws a table from rows, or prints the command's own text", () => {
    expect(render('table', false, emission)).toBe('metric       value\nvisitors     12\nbounce_rate  —\n')
    expect(render('table', false, { ...emission, text: 'hello\n' })).toBe('hello\n')
  })

  it('refuses --json together with another --format', () => {
    expect(formatFrom({ json: true })).toBe('json')
    expect(formatFrom({ format: 'csv' })).toBe('csv')
    expect(() => formatFrom({ json: true, format: 'csv' })).toThrow(
      '--json and --format csv ask for two formats.',
    )
  })

  it('reads --ndjson and --csv as their --format, and refuses two different formats named any way', () => {
    expect(formatFrom({ ndjson: true })).toBe('ndjson')
    expect(formatFrom({ csv: true })).toBe('csv')
    expect(formatFrom({ csv: true, format: 'csv' })).toBe('csv')
    expect(formatFrom({ compact: true, ndjson: true })).toBe('ndjson')
    expect(() => formatFrom({ json: true, csv: true })).toThrow('--json and --csv ask for two formats.')
    expect(() => formatFrom({ ndjson: true, format: 'table' })).toThrow(
      '--ndjson and --format table ask for two formats.',
    )
    expect(() => formatFrom({ compact: true, csv: true })).toThrow(
      '--compact shapes JSON, and --csv is not JSON.',
    )
  })

  it('takes --compact alone as JSON, keeps it with ndjson, and refuses it with table or csv', () => {
    expect(formatFrom({})).toBe('table')
    expect(formatFrom({ compact: true })).toBe('json')
    expect(formatFrom({ compact: true, json: true })).toBe('json')
    expect(formatFrom({ compact: true, format: 'ndjson' })).toBe('ndjson')
    expect(() => formatFrom({ compact: true, format: 'csv' })).toThrow(
      '--compact shapes JSON, and --format csv is not JSON.',
    )
    expect(() => formatFrom({ compact: true, format: 'table' })).toThrow(
      '--compact shapes JSON, and --format table is not JSON.',
    )
  })
})
