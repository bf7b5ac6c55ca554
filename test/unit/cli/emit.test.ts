import { describe, expect, it } from 'vitest'
import { formatFrom, render, toCsv } from '../../../src/cli/emit'

const emission = {
  value: { site: 'a.com', metrics: { visitors: 12, bounce_rate: null } },
  rows: [
    { metric: 'visitors', value: 12 },
    { metric: 'bounce_rate', value: null },
  ],
}

describe('emit', () => {
  it('prints the documented JSON document, or a compact one with fewer tokens', () => {
    expect(render('json', false, emission)).toBe(
      '{"site":"a.com","metrics":{"visitors":12,"bounce_rate":null}}\n',
    )
    expect(render('json', true, emission)).toBe(
      '{"columns":["metric","value"],"rows":[["visitors",12],["bounce_rate",null]]}\n',
    )
    expect(render('json', true, { value: { a: 1, b: null } })).toBe('{"a":1}\n')
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
})
