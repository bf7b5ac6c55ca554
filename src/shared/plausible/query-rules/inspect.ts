// Values written the way the Elixir server writes them into its error texts (`inspect/2` with
// `charlists: :as_lists`): strings quoted, `nil`, lists in brackets, maps as `%{"k" => v}` with their
// keys in Erlang term order (sorted, as a decoded JSON object of up to 32 keys is).

export function inspect(value: unknown): string {
  if (value === null || value === undefined) return 'nil'
  if (typeof value === 'string') return inspectString(value)
  if (typeof value === 'number') return inspectNumber(value)
  if (typeof value === 'boolean') return String(value)
  if (Array.isArray(value)) return `[${value.map(inspect).join(', ')}]`
  if (typeof value === 'object') {
    const entries = Object.keys(value as object)
      .sort(compareBinaries)
      .map((key) => `${inspectString(key)} => ${inspect((value as Record<string, unknown>)[key])}`)
    return `%{${entries.join(', ')}}`
  }
  return String(value)
}

/** Elixir escapes quotes, backslashes, control characters and `#{` (interpolation); the rest prints as is. */
function inspectString(text: string): string {
  let out = '"'
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!
    const code = char.charCodeAt(0)
    if (char === '"' || char === '\\') out += `\\${char}`
    else if (char === '#' && text[i + 1] === '{') out += '\\#'
    else if (char === '\n') out += '\\n'
    else if (char === '\t') out += '\\t'
    else if (char === '\r') out += '\\r'
    else if (code < 0x20 || code === 0x7f) out += `\\x${code.toString(16).toUpperCase().padStart(2, '0')}`
    else out += char
  }
  return `${out}"`
}

/** JSON numbers decode to Elixir integers or floats; a float always prints with a decimal point. */
function inspectNumber(value: number): string {
  if (Number.isInteger(value) && Math.abs(value) < 1e21) return String(value)
  const text = String(value)
  if (/e/.test(text)) {
    const [mantissa, exponent] = text.split('e') as [string, string]
    return `${mantissa.includes('.') ? mantissa : `${mantissa}.0`}e${exponent.replace('+', '')}`
  }
  return text
}

/** Erlang compares binaries byte by byte: for the ASCII keys of a query, code-unit order. */
function compareBinaries(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

/**
 * An order_by entry as the server prints its parsed tuple: metrics are atoms (`{:events, :desc}`),
 * dimensions stay strings (`{"event:name", :desc}`).
 */
export function inspectOrderEntry(field: string, direction: string, isMetric: boolean): string {
  return `{${isMetric ? `:${field}` : inspectString(field)}, :${direction}}`
}
