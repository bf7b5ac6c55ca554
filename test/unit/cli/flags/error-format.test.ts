import { describe, expect, it } from 'vitest'
import { errorFormatOfArgv } from '../../../../src/cli/flags/error-format'

describe('errorFormatOfArgv', () => {
  it('asks for JSON errors with --json anywhere before --, before the command included', () => {
    expect(errorFormatOfArgv(['--json', 'status'])).toBe('json')
    expect(errorFormatOfArgv(['stats', 'aggregate', '--metric', 'bogus', '--json'])).toBe('json')
    expect(errorFormatOfArgv(['stats', 'query', '--', '--json'])).toBe('table')
  })

  it('follows --format, its shortcuts and --compact as formatOf does', () => {
    expect(errorFormatOfArgv(['status', '--format', 'ndjson'])).toBe('json')
    expect(errorFormatOfArgv(['status', '--format=csv'])).toBe('json')
    expect(errorFormatOfArgv(['status', '--format', 'table'])).toBe('table')
    expect(errorFormatOfArgv(['status', '--csv'])).toBe('json')
    expect(errorFormatOfArgv(['status', '--compact'])).toBe('json')
    expect(errorFormatOfArgv(['status'])).toBe('table')
  })
})
