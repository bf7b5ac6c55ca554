import { describe, expect, it } from 'vitest'
import {
  commandPathOf,
  durationBucketOf,
  errorClassOf,
  exitClassOf,
  flagNamesOf,
  keptFlags,
  toolNameOf,
} from '../../../../src/shared/cli-analytics/privacy'

describe('privacy rules', () => {
  it('keeps flag names only, never values, and drops flags named like secrets', () => {
    expect(
      flagNamesOf([
        '--output=/home/alice/out.txt',
        '--token=ghp_abc',
        '--password',
        'hunter2',
        '--api-key',
        '--client-secret=x',
        '-xvf',
        '-p3000',
        'alice@example.com',
        '--',
        '--after-dashdash',
      ]),
    ).toEqual(['--output', '-f', '-p', '-v', '-x'])
    expect(keptFlags(['verbose', '--auth-header', '--Bad=1', '--x!'])).toEqual(['--Bad', '--verbose'])
  })
  it('keeps command words up to the first value, path, e-mail or token', () => {
    expect(commandPathOf(['db', 'migrate', '/home/a', 'up'])).toEqual(['db', 'migrate'])
    expect(commandPathOf(['hunter2'])).toEqual([])
    expect(commandPathOf(['push', 'alice@example.com'])).toEqual(['push'])
    expect(commandPathOf(['login', 'token'])).toEqual(['login'])
  })
  it('names the tool by its base name, never its folders', () => {
    expect(toolNameOf('/home/alice/bin/deploy.sh')).toBe('deploy.sh')
    expect(toolNameOf('a b')).toBe('unknown')
  })
  it('reduces error text to its class', () => {
    expect(errorClassOf('ConnectionError: alice@example.com at /home/a with ghp_x')).toBe('ConnectionError')
    expect(errorClassOf('ENOENT')).toBe('ENOENT')
    expect(errorClassOf('/home/alice/file not found')).toBe('other')
    expect(errorClassOf('ghp_s3cr3t1234')).toBe('other')
    expect(errorClassOf('')).toBeNull()
  })
  it('buckets durations with each lower edge in its bucket', () => {
    expect([999, 1_000, 9_999, 10_000, 59_999, 60_000, 599_999, 600_000].map(durationBucketOf)).toEqual([
      '<1s',
      '1-10s',
      '1-10s',
      '10s-1m',
      '10s-1m',
      '1-10m',
      '1-10m',
      '>10m',
    ])
  })
  it('classes exit codes', () => {
    expect([0, 1, 3, 126, 127, 128, 129, 143].map(exitClassOf)).toEqual([
      'success',
      'failure',
      'failure',
      'not-executable',
      'not-found',
      'failure',
      'signal',
      'signal',
    ])
  })
})
