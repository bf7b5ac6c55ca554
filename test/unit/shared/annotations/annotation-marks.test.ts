import { describe, expect, it } from 'vitest'
import type { Annotation } from '../../../../src/shared/annotations/annotation'
import { annotationMarks } from '../../../../src/shared/annotations/annotation-marks'

const note = (id: string, date: string, text = id): Annotation => ({
  id,
  account: 'work',
  site: 'example.com',
  date,
  kind: 'deploy',
  text,
  createdAt: `${date}T09:00:00.000Z`,
})
const points = (labels: string[]) => labels.map((label) => ({ key: label, label }))

describe('annotationMarks', () => {
  const days = points(['2026-11-18', '2026-11-19', '2026-11-20'])

  it('puts a day’s annotations on that day, several as one mark', () => {
    const marks = annotationMarks(
      days,
      [note('a', '2026-11-19', 'v2.3'), note('b', '2026-11-19', 'ad')],
      'time:day',
    )
    expect(marks).toEqual([
      {
        key: '2026-11-19',
        title: '2026-11-19 · deploy · v2.3\n2026-11-19 · deploy · ad',
        annotations: [note('a', '2026-11-19', 'v2.3'), note('b', '2026-11-19', 'ad')],
      },
    ])
  })

  it('leaves out dates before the first bucket and after the last day, keeping both edges', () => {
    const marks = annotationMarks(
      days,
      [
        note('before', '2026-11-17'),
        note('first', '2026-11-18'),
        note('last', '2026-11-20'),
        note('after', '2026-11-21'),
      ],
      'time:day',
    )
    expect(marks.map((mark) => mark.key)).toEqual(['2026-11-18', '2026-11-20'])
  })

  it('draws a date on the first hour of its day', () => {
    const hours = points([
      '2026-11-19 22:00:00',
      '2026-11-19 23:00:00',
      '2026-11-20 00:00:00',
      '2026-11-20 01:00:00',
    ])
    expect(annotationMarks(hours, [note('a', '2026-11-20')], 'time:hour').map((m) => m.key)).toEqual([
      '2026-11-20 00:00:00',
    ])
    expect(annotationMarks(hours, [note('a', '2026-11-21')], 'time:hour')).toEqual([])
  })

  it('draws a date on its week, up to the last week’s Sunday, and on its month to the month’s end', () => {
    const weeks = points(['2026-11-02', '2026-11-09', '2026-11-16'])
    expect(annotationMarks(weeks, [note('a', '2026-11-11')], 'time:week').map((m) => m.key)).toEqual([
      '2026-11-09',
    ])
    expect(annotationMarks(weeks, [note('a', '2026-11-22')], 'time:week').map((m) => m.key)).toEqual([
      '2026-11-16',
    ])
    expect(annotationMarks(weeks, [note('a', '2026-11-23')], 'time:week')).toEqual([])
    const months = points(['2026-10-01', '2026-11-01'])
    expect(annotationMarks(months, [note('a', '2026-11-30')], 'time:month').map((m) => m.key)).toEqual([
      '2026-11-01',
    ])
    expect(annotationMarks(months, [note('a', '2026-12-01')], 'time:month')).toEqual([])
  })

  it('draws nothing on the realtime minutes or an empty graph', () => {
    expect(annotationMarks([], [note('a', '2026-11-19')], 'time:day')).toEqual([])
    expect(
      annotationMarks(points(['2026-11-19 10:00:00']), [note('a', '2026-11-19')], 'time:minute'),
    ).toEqual([])
  })
})
