import { describe, expect, it } from 'vitest'
import { importStartOf } from '../../../../src/shared/imports/import-start'
import { parseEventFile } from '../../../../src/shared/plausible/event-file'

describe('importStartOf', () => {
  it('counts the lines holding an event and the refused ones by reason, as events import words them', () => {
    const file = parseEventFile(
      [
        JSON.stringify({ name: 'pageview', url: 'https://a.example/x', domain: 'a.example' }),
        '',
        JSON.stringify({ name: 'pageview', url: 'data:text/plain,x', domain: 'a.example' }),
        JSON.stringify({ name: 'pageview', url: 'data:text/plain,y', domain: 'a.example' }),
        JSON.stringify({ url: 'https://a.example/y', domain: 'a.example' }),
      ].join('\n'),
      { fileName: 'events.ndjson' },
    )
    // The blank line holds no event: three lines refused, by two reasons.
    expect(importStartOf(file)).toEqual({
      linesRead: 4,
      refused: { 'url: scheme is not allowed': 2, "event_name: can't be blank": 1 },
    })
  })

  it('refuses nothing in a file whose every line is good', () => {
    const file = parseEventFile(
      JSON.stringify({ name: 'pageview', url: 'https://a.example/x', domain: 'a.example' }),
      {
        fileName: 'events.ndjson',
      },
    )
    expect(importStartOf(file)).toEqual({ linesRead: 1, refused: {} })
  })
})
