// Where annotations sit on the main graph: each on the bucket holding its date (the day itself, the hour
// its day starts, its week, its month), several on one bucket as one mark. Pure, for the window's graph.
import type { Annotation } from './annotation'

export interface AnnotationMark {
  /** The graph point's key the mark is drawn at. */
  key: string
  /** What the mark says on hover: each annotation's date, kind and text. */
  title: string
  annotations: Annotation[]
}

/**
 * The marks for a graph whose buckets are `points` (labels as the server writes them, in time order):
 * an annotation goes on the first bucket of its day, else the last bucket begun before it (its week, its
 * month), if its date is within the graph
 * (not before the first bucket's day, not after the last bucket's day for days and hours).
 */
export function annotationMarks(
  points: ReadonlyArray<{ key: string; label: string }>,
  annotations: readonly Annotation[],
  interval: 'time:hour' | 'time:day' | 'time:week' | 'time:month' | 'time:minute',
): AnnotationMark[] {
  if (points.length === 0 || interval === 'time:minute') return []
  const day = (label: string): string => label.slice(0, 10)
  const firstDay = day(points[0]!.label)
  const lastBucket = day(points[points.length - 1]!.label)
  // A week or month bucket reaches past its first day; days and hours end on their own day.
  const lastDay =
    interval === 'time:week'
      ? addDays(lastBucket, 6)
      : interval === 'time:month'
        ? endOfMonth(lastBucket)
        : lastBucket
  const byKey = new Map<string, AnnotationMark>()
  for (const annotation of annotations) {
    if (annotation.date < firstDay || annotation.date > lastDay) continue
    // The first bucket of its day (an hour graph's midnight), else the last one that began before it.
    let at = points.find((point) => day(point.label) === annotation.date)
    if (!at)
      for (const point of points) {
        if (day(point.label) < annotation.date) at = point
        else break
      }
    if (!at) continue
    const mark = byKey.get(at.key) ?? { key: at.key, title: '', annotations: [] }
    mark.annotations.push(annotation)
    byKey.set(at.key, mark)
  }
  return [...byKey.values()].map((mark) => ({
    ...mark,
    title: mark.annotations.map((entry) => `${entry.date} · ${entry.kind} · ${entry.text}`).join('\n'),
  }))
}

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10)
}

function endOfMonth(date: string): string {
  const [year, month] = date.split('-').map(Number) as [number, number]
  return new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10)
}
