import { describe, expect, it } from 'vitest'
import { decodeCursor, encodeCursor, pageOf } from '../../../../src/core/sandbox/paging'

const ids = [9, 7, 5, 3, 1]
const page = (query: string) => pageOf(ids, (id) => id, new URLSearchParams(query))

describe('pageOf', () => {
  it('starts newest first with no before cursor and an after cursor when more follow', () => {
    expect(page('limit=2')).toEqual({
      page: [9, 7],
      meta: { after: encodeCursor(7), before: null, limit: 2 },
    })
    expect(page('')).toEqual({ page: ids, meta: { after: null, before: null, limit: 100 } })
  })

  it('walks on with after and back with before', () => {
    expect(page(`limit=2&after=${encodeCursor(7)}`)).toEqual({
      page: [5, 3],
      meta: { after: encodeCursor(3), before: encodeCursor(5), limit: 2 },
    })
    expect(page(`limit=2&after=${encodeCursor(3)}`)).toEqual({
      page: [1],
      meta: { after: null, before: encodeCursor(1), limit: 2 },
    })
    expect(page(`limit=2&before=${encodeCursor(3)}`)).toEqual({
      page: [7, 5],
      meta: { after: encodeCursor(5), before: encodeCursor(7), limit: 2 },
    })
    expect(page(`limit=2&before=${encodeCursor(5)}`)).toEqual({
      page: [9, 7],
      meta: { after: encodeCursor(7), before: null, limit: 2 },
    })
  })

  it('caps the limit at 1000 and ignores cursors it did not issue', () => {
    expect(page('limit=5000').meta.limit).toBe(1000)
    expect(page('limit=0').meta.limit).toBe(100)
    expect(decodeCursor('not-a-cursor')).toBeNull()
    expect(page('after=not-a-cursor').page).toEqual(ids)
  })
})
