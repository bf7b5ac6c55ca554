// Renders JSON values the way the Elixir server's error messages do (`inspect/1`): `["a", "b"]`, `%{"k" => v}`.

export function inspectValue(value: unknown): string {
  if (value === null || value === undefined) return 'nil'
  if (typeof value === 'string') return JSON.stringify(value)
  if (typeof value === 'number' || typeof value === 'boolean') return String(value)
  if (Array.isArray(value)) return `[${value.map(inspectValue).join(', ')}]`
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).map(
      ([key, item]) => `${JSON.stringify(key)} => ${inspectValue(item)}`,
    )
    return `%{${entries.join(', ')}}`
  }
  return String(value)
}
