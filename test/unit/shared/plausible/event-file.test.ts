import { describe, expect, it } from 'vitest'
import {
  createCsvSplitter,
  createEventFileReader,
  emptyEventFileMessage,
  formatOfEventFile,
  parseCsv,
  parseEventFile,
} from '../../../../src/shared/plausible/event-file'

describe('parseEventFile', () => {
  it('reads NDJSON line by line, refusing bad JSON, unknown fields and rule breaks with their line', () => {
    const text = [
      '{"name":"pageview","url":"https://a.com/"}',
      '',
      '{"name":"pageview","url":"https://a.com/", "n":"x"}',
      'not json',
      '{"name":"pageview","url":"data:x","domain":"a.com"}',
      '[1]',
      '{"name":1}',
      '{"name":"pageview","url":"https://a.com/","props":{"a":[1]}}',
    ].join('\n')
    const parsed = parseEventFile(text, { fileName: 'events.ndjson' })
    expect(parsed.format).toBe('ndjson')
    expect(parsed.valid).toBe(1)
    expect(parsed.invalid).toBe(6)
    expect(parsed.lines.map((l) => [l.line, l.problems])).toEqual([
      [1, []],
      [3, ['unknown field "n" (fields: name, url, domain, referrer, props, revenue, interactive, hashMode)']],
      [4, ['not JSON']],
      [5, ['url: scheme is not allowed']],
      [6, ['not a JSON object']],
      [7, ["domain: can't be blank", 'url: is required']],
      [8, ['props: "a" must be a string, number or boolean (lists and maps are dropped)']],
    ])
  })

  it('reads CSV with props.<key> columns, revenue and booleans, quoted cells included', () => {
    const text =
      'name,url,domain,props.plan,revenue_amount,revenue_currency,interactive\n' +
      'Purchase,https://a.com/buy,a.com,"pro, yearly",19.9,EUR,false\r\n' +
      'pageview,https://a.com/,,,,,\n' +
      '\n'
    const parsed = parseEventFile(text, { fileName: 'events.csv' })
    expect(parsed.format).toBe('csv')
    expect(parsed.lines.map((l) => l.event)).toEqual([
      {
        name: 'Purchase',
        url: 'https://a.com/buy',
        domain: 'a.com',
        props: { plan: 'pro, yearly' },
        revenue: { currency: 'EUR', amount: '19.9' },
        interactive: false,
      },
      { name: 'pageview', url: 'https://a.com/' },
    ])
    expect(parsed.valid).toBe(2)
  })

  it('takes the dotted revenue columns too, and names a missing url or a short record by its line', () => {
    const text = [
      'name,url,revenue.amount,revenue.currency',
      'Purchase,https://a.com/buy,5,USD',
      'Purchase,,5,USD',
      'Purchase,https://a.com/buy',
    ].join('\n')
    const parsed = parseEventFile(text, { fileName: 'orders.csv' })
    expect(parsed.lines.map((l) => [l.line, l.problems])).toEqual([
      [2, []],
      [3, ["domain: can't be blank", 'url: is required']],
      [4, ['has 2 fields, the header 4']],
    ])
    expect(parsed.lines[0]?.event?.revenue).toEqual({ amount: '5', currency: 'USD' })
  })

  it('refuses a CSV header with an unknown column, on the header line', () => {
    expect(parseEventFile('name,page\nx,y\n', { fileName: 'a.csv' }).lines).toEqual([
      {
        line: 1,
        event: null,
        problems: [
          'unknown column "page" (columns: name, url, domain, referrer, interactive, hashMode, revenue.amount, revenue.currency, props.<key>)',
        ],
      },
    ])
  })
})

describe('formatOfEventFile', () => {
  it('goes by the asked format, then the extension, then the first line', () => {
    expect(formatOfEventFile('{"name":"x"}', 'a.csv')).toBe('csv')
    expect(formatOfEventFile('name,url', 'a.jsonl')).toBe('ndjson')
    expect(formatOfEventFile('name,url', 'a.txt', 'ndjson')).toBe('ndjson')
    expect(formatOfEventFile('\n  {"name":"x"}', 'upload')).toBe('ndjson')
    expect(formatOfEventFile('name,url\n', 'upload')).toBe('csv')
  })
})

describe('parseCsv', () => {
  it('keeps doubled quotes and line breaks inside quoted cells, numbering rows by their first line', () => {
    expect(parseCsv('a,"b ""c""\nd"\ne,f')).toEqual([
      { line: 1, cells: ['a', 'b "c"\nd'] },
      { line: 3, cells: ['e', 'f'] },
    ])
  })
})

describe('emptyEventFileMessage', () => {
  const message = (text: string, name: string) =>
    emptyEventFileMessage(name, parseEventFile(text, { fileName: name }))

  it('says why a file has nothing to import: empty, blank lines, a CSV header alone', () => {
    expect(message('', 'a.ndjson')).toBe('a.ndjson is empty: there is no event to import.')
    expect(message('\n  \n', 'a.ndjson')).toBe('a.ndjson has only blank lines: there is no event to import.')
    expect(message('name,url\n', 'a.csv')).toBe('a.csv has only a header row: there is no event to import.')
  })

  it('says nothing once the file has one line to check, good or bad', () => {
    expect(message('{"name":"pageview","url":"https://a.com/"}\n', 'a.ndjson')).toBeNull()
    expect(message('not json', 'a.ndjson')).toBeNull()
    expect(message('name,url\npageview,https://a.com/\n', 'a.csv')).toBeNull()
  })
})

describe('createEventFileReader', () => {
  /** The reader fed `text` in pieces cut at `cuts`, its lines and what it says of the file. */
  function readInPieces(text: string, cuts: number[], options: { fileName?: string; check?: boolean } = {}) {
    const reader = createEventFileReader(options)
    const lines = []
    let from = 0
    for (const cut of [...cuts, text.length]) {
      lines.push(...reader.push(text.slice(from, cut)))
      from = cut
    }
    lines.push(...reader.end())
    return { lines, format: reader.format(), empty: reader.empty() }
  }
  const samples: Array<[string, string]> = [
    [
      'events.ndjson',
      '{"name":"pageview","url":"https://a.com/"}\r\n\nnot json\n{"name":1}\n  \n{"name":"x","url":"https://a.com/b"}',
    ],
    [
      'events.csv',
      'name,url,props.note\r\nSignup,https://a.com/,"a ""quoted""\r\nnote"\r\n,,\nSignup,,x\rpageview,https://a.com/c,"""\n"',
    ],
    ['upload', '\n\n  {"name":"pageview","url":"https://a.com/"}\n{"n":1}'],
    ['upload', '\nname,url\npageview,https://a.com/\n'],
    ['a.csv', 'name,page\nx,y\n'],
    ['a.csv', 'name,url\r\n'],
    ['a.ndjson', '\n \n'],
    ['a.ndjson', ''],
  ]

  it('reads any split of a file into pieces as parseEventFile reads it whole', () => {
    for (const [fileName, text] of samples) {
      const whole = parseEventFile(text, { fileName })
      for (let cut = 0; cut <= text.length; cut += 1) {
        const pieces = readInPieces(text, [cut], { fileName })
        expect({ fileName, cut, ...pieces }).toEqual({
          fileName,
          cut,
          lines: whole.lines,
          format: whole.format,
          empty: whole.empty,
        })
      }
      // One character at a time: every quote, CR and line break waits for what follows it.
      const byChar = readInPieces(
        text,
        Array.from({ length: text.length }, (_, index) => index),
        { fileName },
      )
      expect(byChar).toEqual({ lines: whole.lines, format: whole.format, empty: whole.empty })
    }
  })

  it('only tells the lines apart with check: false — the same lines, unchecked, a bad header still refused', () => {
    for (const [fileName, text] of samples) {
      const whole = parseEventFile(text, { fileName })
      const counted = readInPieces(text, [Math.floor(text.length / 2)], { fileName, check: false })
      const refusedHeader =
        whole.lines.length === 1 && whole.lines[0]!.problems[0]?.startsWith('unknown column')
      expect(counted.lines).toEqual(
        refusedHeader ? whole.lines : whole.lines.map(({ line }) => ({ line, event: null, problems: [] })),
      )
      expect([counted.format, counted.empty]).toEqual([whole.format, whole.empty])
    }
  })
})

describe('createCsvSplitter', () => {
  it('keeps a doubled quote and a CRLF whole when a piece ends between their two characters', () => {
    const splitter = createCsvSplitter()
    const rows = [
      ...splitter.push('a,"b "'),
      ...splitter.push('" c"\r'),
      ...splitter.push('\nd,e\r'),
      ...splitter.end(),
    ]
    expect(rows).toEqual([
      { line: 1, cells: ['a', 'b " c'] },
      { line: 2, cells: ['d', 'e'] },
    ])
  })
})
