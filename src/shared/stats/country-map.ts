// The Locations map's decisions, apart from its drawing: a country's flag from its ISO code, how dark a
// country is drawn for its visitors, and the words of its tooltip.
import { formatShortNumber } from './format'

const regionalIndicatorA = 0x1f1e6

/**
 * The flag emoji of an ISO 3166-1 alpha-2 code: two regional indicator letters, which the system's emoji
 * font draws as the flag (no image, no request). Anything that is not two letters has no flag: '' for the
 * server's unknown country ("ZZ" is two letters but no country: also none).
 */
export function countryFlag(code: string): string {
  const upper = code.toUpperCase()
  if (!/^[A-Z]{2}$/.test(upper) || upper === 'ZZ') return ''
  return String.fromCodePoint(
    regionalIndicatorA + upper.charCodeAt(0) - 65,
    regionalIndicatorA + upper.charCodeAt(1) - 65,
  )
}

/**
 * The flag beside a row of a location breakdown: a country by its code, a region by the country its ISO
 * 3166-2 code starts with (DE-BE → Germany). Other dimensions, and cities (an id, no country in it), have none.
 */
export function locationFlag(dimension: string, value: string): string {
  if (dimension === 'visit:country') return countryFlag(value)
  if (dimension === 'visit:region') {
    const match = /^([A-Za-z]{2})-/.exec(value)
    return match ? countryFlag(match[1]!) : ''
  }
  return ''
}

/** The lightest shade a country with any visitors gets, so one visitor still shows against no data. */
const minimumShade = 15

/**
 * How much of the accent colour a country is drawn with, in percent: none without visitors, then from
 * `minimumShade` (the fewest) up to 100 (the most visitors on the map), in proportion between them.
 */
export function countryShade(visitors: number, maxVisitors: number): number {
  if (visitors <= 0 || maxVisitors <= 0) return 0
  const share = Math.min(1, visitors / maxVisitors)
  return Math.round(minimumShade + (100 - minimumShade) * share)
}

/**
 * The names of countries with visitors that the map cannot draw (too small at 1:110m: Singapore, Malta, …;
 * or a code with no country, as "ZZ"), most visitors first as the rows come: the map names them in words,
 * so no visitor is missing from it.
 */
export function undrawnCountries(
  rows: ReadonlyArray<{ value: string; name: string; metrics: { visitors?: number | null } }>,
  drawn: ReadonlySet<string>,
): string[] {
  return rows
    .filter((row) => (row.metrics.visitors ?? 0) > 0 && !drawn.has(row.value.toUpperCase()))
    .map((row) => row.name || row.value)
}

/** The tooltip's second line: "1 visitor", "1.2k visitors". */
export function visitorsPhrase(visitors: number): string {
  return `${formatShortNumber(visitors)} ${visitors === 1 ? 'visitor' : 'visitors'}`
}
