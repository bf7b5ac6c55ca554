// What the window says when imported data was asked for and the server left it out (plausible-api.md §4.6:
// `meta.imports_included` false with a skip reason; the server's own warning for the last two reasons).
import type { V2Response } from '../plausible/query'

const reasons: Record<string, string> = {
  no_imported_data: 'This site has no imported data.',
  out_of_range: 'No imported data falls in this period.',
  unsupported_query: 'Imported data cannot be combined with these filters: it is left out.',
  unsupported_interval: 'Imported data has no numbers at this interval: the graph leaves it out.',
}

/** Null when imports were not asked for or were included; otherwise one sentence, the server's where it wrote one. */
export function importsNotice(response: Pick<V2Response, 'meta'> | undefined): string | null {
  const meta = response?.meta
  if (!meta || meta.imports_included !== false) return null
  if (meta.imports_warning) return meta.imports_warning
  const reason = meta.imports_skip_reason
  return (reason && reasons[reason]) ?? 'The server left imported data out of this answer.'
}
