import { describe, expect, it } from 'vitest'
import { isVersionRequest, versionText } from '../../../src/cli/version'

describe('isVersionRequest', () => {
  it('is --version or -V alone: the entry answers it without the command tree', () => {
    expect(isVersionRequest(['--version'])).toBe(true)
    expect(isVersionRequest(['-V'])).toBe(true)
  })

  it('is not any other command line: commander parses those as before', () => {
    for (const argv of [[], ['--help'], ['--version', 'stats'], ['--json', '--version'], ['-v'], ['version']])
      expect(isVersionRequest(argv), argv.join(' ')).toBe(false)
  })
})

describe('versionText', () => {
  it('is dev when the sources run unbuilt (the build injects the version and commit)', () => {
    expect(versionText()).toBe('dev')
  })
})
