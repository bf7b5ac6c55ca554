// Reads metrics text through a real Prometheus text-format parser (not our own renderer's idea of it),
// and looks samples up by name and labels.
import parsePrometheusTextFormat from 'parse-prometheus-text-format'

export interface ParsedMetrics {
  /** The families by name, with their type as the parser read it. */
  types: Record<string, string>
  /** A gauge's value for exactly these labels; undefined when there is no such sample. */
  value(name: string, labels?: Record<string, string>): number | undefined
  /** A histogram's cumulative buckets (by `le`), sum and count. */
  histogram(name: string): { buckets: Record<string, number>; sum: number; count: number } | undefined
}

export function parseMetrics(text: string): ParsedMetrics {
  const families = parsePrometheusTextFormat(text)
  const byName = new Map(families.map((family) => [family.name, family]))
  const sameLabels = (a: Record<string, string> = {}, b: Record<string, string> = {}): boolean =>
    JSON.stringify(Object.entries(a).sort()) === JSON.stringify(Object.entries(b).sort())
  return {
    types: Object.fromEntries(families.map((family) => [family.name, family.type])),
    value(name, labels = {}) {
      const sample = byName.get(name)?.metrics.find((metric) => sameLabels(metric.labels, labels))
      return sample?.value === undefined ? undefined : Number(sample.value)
    },
    histogram(name) {
      const sample = byName.get(name)?.metrics[0]
      if (!sample?.buckets) return undefined
      return {
        buckets: Object.fromEntries(Object.entries(sample.buckets).map(([le, count]) => [le, Number(count)])),
        sum: Number(sample.sum),
        count: Number(sample.count),
      }
    },
  }
}
