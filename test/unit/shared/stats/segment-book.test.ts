import { describe, expect, it } from 'vitest'
import { checkV2Query } from '../../../../src/shared/plausible/query-rules'
import { describeFilter, toV2Filters } from '../../../../src/shared/stats/filters'
import {
  forgetSegment,
  labelSegmentFilters,
  parseSegmentId,
  readSegmentBook,
  saveSegment,
  segmentEntry,
  segmentFilter,
} from '../../../../src/shared/stats/segment-book'

describe('the saved-segment book', () => {
  it('finds the id in a number or in a pasted dashboard address or filter', () => {
    expect(parseSegmentId(' 12 ')).toBe(12)
    expect(parseSegmentId('https://plausible.io/shop.example.com?f=is,segment,1234&period=30d')).toBe(1234)
    expect(parseSegmentId('?filters=((is,segment,(77)))')).toBe(77)
    expect(parseSegmentId('["is","segment",[5]]')).toBe(5)
    expect(parseSegmentId('0')).toBeNull()
    expect(parseSegmentId('twelve')).toBeNull()
    expect(parseSegmentId('')).toBeNull()
  })

  it('checks the entry and says which field to fix', () => {
    expect(segmentEntry('11', ' German visitors ')).toEqual({
      ok: true,
      segment: { id: 11, name: 'German visitors' },
    })
    expect(segmentEntry('x', 'A')).toMatchObject({
      ok: false,
      problem: expect.stringMatching(/^Segment id:/),
    })
    expect(segmentEntry('11', '  ')).toMatchObject({ ok: false, problem: expect.stringMatching(/^Name:/) })
    // 255 bytes is the server's limit: at it passes, one over does not (ä is two bytes).
    expect(segmentEntry('11', 'a'.repeat(255)).ok).toBe(true)
    expect(segmentEntry('11', `${'a'.repeat(253)}ä`).ok).toBe(true)
    expect(segmentEntry('11', `${'a'.repeat(254)}ä`)).toMatchObject({ ok: false })
  })

  it('keeps one entry per id, sorted by name, and forgets by id', () => {
    let book = saveSegment([], { id: 12, name: 'Search on mobile' })
    book = saveSegment(book, { id: 11, name: 'German visitors' })
    book = saveSegment(book, { id: 12, name: 'Mobile search' })
    expect(book).toEqual([
      { id: 11, name: 'German visitors' },
      { id: 12, name: 'Mobile search' },
    ])
    expect(forgetSegment(book, 11)).toEqual([{ id: 12, name: 'Mobile search' }])
  })

  it('applies as the segment filter by id, read by its name', () => {
    const filter = segmentFilter({ id: 11, name: 'German visitors' })
    expect(toV2Filters([filter])).toEqual([['is', 'segment', [11]]])
    expect(
      checkV2Query({ site_id: 'a', metrics: ['visitors'], date_range: 'day', filters: toV2Filters([filter]) })
        .ok,
    ).toBe(true)
    expect(describeFilter(filter)).toBe('Segment is German visitors')
    const fromAddress = { dimension: 'segment', operator: 'is' as const, values: ['11', '40'] }
    expect(labelSegmentFilters([fromAddress], [{ id: 11, name: 'German visitors' }])).toEqual([
      { ...fromAddress, labels: { '11': 'German visitors' } },
    ])
  })

  it('reads only well-formed entries from storage', () => {
    expect(readSegmentBook([{ id: 3, name: 'A' }, { id: -1, name: 'B' }, { id: 2 }, null, 'x'])).toEqual([
      { id: 3, name: 'A' },
    ])
    expect(readSegmentBook('nope')).toEqual([])
  })
})
