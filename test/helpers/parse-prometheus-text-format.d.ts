// The parser ships no types: what the metrics tests read of its output (prom2json's shape).
declare module 'parse-prometheus-text-format' {
  interface ParsedSample {
    labels?: Record<string, string>
    value?: string
    buckets?: Record<string, string>
    count?: string
    sum?: string
  }
  interface ParsedFamily {
    name: string
    help: string
    type: 'COUNTER' | 'GAUGE' | 'HISTOGRAM' | 'SUMMARY' | 'UNTYPED'
    metrics: ParsedSample[]
  }
  // The package's own export is its default one: not ours to name.
  // eslint-disable-next-line no-restricted-syntax
  export default function parsePrometheusTextFormat(text: string): ParsedFamily[]
}
