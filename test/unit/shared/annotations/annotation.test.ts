import { describe, expect, it } from 'vitest'
import {
  Annotation,
  AnnotationDate,
  annotationsCsv,
  annotationsInRange,
  annotationsJson,
} from '../../../../src/shared/annotations/annotation'

const entry = (id: string, date: string, text: string, createdAt = `${date}T09:00:00.000Z`): Annotation => ({
  id,
  account: 'work',
  site: 'example.com',
  date,
  kind: 'campaign',
  text,
  createdAt,
})

describe('AnnotationDate', () => {
  it('takes real calendar days only', () => {
    expect(AnnotationDate.safeParse('2026-02-28').success).toBe(true)
    expect(AnnotationDate.safeParse('2028-02-29').success).toBe(true)
    for (const bad of [
      '2026-02-29',
      '2026-13-01',
      '2026-11-31',
      '2026-1-05',
      '20261105',
      '2026-11-05T00:00:00',
    ])
      expect(AnnotationDate.safeParse(bad).success, bad).toBe(false)
    expect(AnnotationDate.safeParse('2026-02-30').error?.issues[0]?.message).toBe(
      'use a calendar date as YYYY-MM-DD, for example 2026-12-07',
    )
  })
})

describe('annotationsInRange', () => {
  const list = [entry('c', '2026-11-21', 'c'), entry('a', '2026-11-19', 'a'), entry('b', '2026-11-20', 'b')]

  it('keeps the dates within the inclusive range, oldest first', () => {
    expect(annotationsInRange(list, '2026-11-20', '2026-11-21').map((e) => e.id)).toEqual(['b', 'c'])
    expect(annotationsInRange(list, '2026-11-19', '2026-11-19').map((e) => e.id)).toEqual(['a'])
    expect(annotationsInRange(list, '2026-11-22', '2026-11-30')).toEqual([])
  })

  it('leaves a side open when it is null', () => {
    expect(annotationsInRange(list, null, '2026-11-20').map((e) => e.id)).toEqual(['a', 'b'])
    expect(annotationsInRange(list, '2026-11-20', null).map((e) => e.id)).toEqual(['b', 'c'])
  })

  it('orders one day’s annotations by when they were added', () => {
    const day = [
      entry('late', '2026-11-20', 'x', '2026-11-20T12:00:00.000Z'),
      entry('early', '2026-11-20', 'y'),
    ]
    expect(annotationsInRange(day, null, null).map((e) => e.id)).toEqual(['early', 'late'])
  })
})

describe('export', () => {
  it('writes CSV with a header, CRLF line ends and quoted commas, quotes and line breaks', () => {
    const csv = annotationsCsv([
      entry('b', '2026-11-20', 'Black Friday, "big" sale'),
      entry('a', '2026-11-19', 'line\nbreak'),
    ])
    expect(csv).toBe(
      'date,site,account,kind,text,id,created_at\r\n' +
        '2026-11-19,example.com,work,campaign,"line\nbreak",a,2026-11-19T09:00:00.000Z\r\n' +
        '2026-11-20,example.com,work,campaign,"Black Friday, ""big"" sale",b,2026-11-20T09:00:00.000Z\r\n',
    )
    expect(annotationsCsv([])).toBe('date,site,account,kind,text,id,created_at\r\n')
  })

  it('writes JSON as list --json prints it, oldest first', () => {
    const list = [entry('b', '2026-11-20', 'b'), entry('a', '2026-11-19', 'a')]
    expect(JSON.parse(annotationsJson(list))).toEqual({ annotations: [list[1], list[0]] })
  })
})
