// --filter "visit:country==DE|FR" → a v2 leaf filter. Operators: == is, != is not, ~= contains,
// !~ does not contain; `|` separates values (\| for a literal pipe), as in the v1 filter syntax (§5).
import type { Filter } from '../../shared/plausible/query'
import { isFilterDimension } from '../../shared/plausible/vocabulary'
import { PlausibleError } from '../../shared/errors'

/** The --filter operators and the v2 operator each stands for, in the order a flag is searched for them. */
export const filterFlagOperators = [
  ['!~', 'contains_not'],
  ['~=', 'contains'],
  ['!=', 'is_not'],
  ['==', 'is'],
] as const

export function parseFilterFlag(raw: string): Filter {
  for (const [token, operator] of filterFlagOperators) {
    const at = raw.indexOf(token)
    if (at <= 0) continue
    const dimension = raw.slice(0, at).trim()
    const values = splitValues(raw.slice(at + token.length))
    if (!isFilterDimension(dimension)) {
      throw new PlausibleError('USAGE', {
        message: `Unknown filter dimension "${dimension}" in --filter ${JSON.stringify(raw)}.`,
        hint: 'Use a dimension such as visit:source, visit:country, event:page, event:goal or event:props:<name>.',
      })
    }
    if (values.length === 0 || values.some((value) => value === '')) {
      throw new PlausibleError('USAGE', {
        message: `--filter ${JSON.stringify(raw)} has an empty value.`,
        hint: 'Example: --filter "visit:country==DE|FR"',
      })
    }
    return [operator, dimension, values]
  }
  throw new PlausibleError('USAGE', {
    message: `--filter ${JSON.stringify(raw)} has no operator.`,
    hint: 'Write dimension, operator, values: "event:page==/pricing", "visit:source!=Google", "event:page~=/blog" (contains), "event:page!~/admin" (does not contain).',
  })
}

function splitValues(text: string): string[] {
  const values: string[] = []
  let current = ''
  for (let index = 0; index < text.length; index++) {
    const char = text[index]
    if (char === '\\' && text[index + 1] === '|') {
      current += '|'
      index++
    } else if (char === '|') {
      values.push(current.trim())
      current = ''
    } else {
      current += char
    }
  }
  values.push(current.trim())
  return values
}
