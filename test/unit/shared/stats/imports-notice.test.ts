import { describe, expect, it } from 'vitest'
import { importsNotice } from '../../../../src/shared/stats/imports-notice'

describe('importsNotice', () => {
  it('says nothing when imports were not asked for, or were included', () => {
    expect(importsNotice(undefined)).toBeNull()
    expect(importsNotice({ meta: {} })).toBeNull()
    expect(importsNotice({ meta: { imports_included: true } })).toBeNull()
  })

  it("prefers the server's own warning, then the reason in words, then a plain sentence for a new reason", () => {
    expect(
      importsNotice({
        meta: {
          imports_included: false,
          imports_skip_reason: 'unsupported_query',
          imports_warning: 'Imported stats are not included because of a filter.',
        },
      }),
    ).toBe('Imported stats are not included because of a filter.')
    expect(
      importsNotice({ meta: { imports_included: false, imports_skip_reason: 'no_imported_data' } }),
    ).toBe('This site has no imported data.')
    expect(importsNotice({ meta: { imports_included: false, imports_skip_reason: 'future_reason' } })).toBe(
      'The server left imported data out of this answer.',
    )
  })
})
