import { describe, expect, it } from 'vitest'
import { isLoopbackHost, isPlainHttpToNetwork } from '../../../src/shared/plain-http'

describe('isPlainHttpToNetwork', () => {
  it.each([
    // 127.0.0.0/8 is loopback from its first address to its last.
    ['http://127.0.0.1:8000', false],
    ['http://127.0.0.0', false],
    ['http://127.255.255.254/', false],
    ['http://127.255.255.255', false],
    // Just outside it.
    ['http://128.0.0.1', true],
    ['http://126.255.255.255', true],
    ['http://localhost:8000', false],
    ['http://LOCALHOST', false],
    ['http://[::1]:8000', false],
    ['http://[0:0:0:0:0:0:0:1]', false],
    ['http://[::ffff:127.0.0.1]', false],
    ['http://[::ffff:7f00:1]', false],
    ['http://[::ffff:128.0.0.1]', true],
    ['http://[::2]', true],
    // The URL parser makes numeric hosts canonical before the rule sees them.
    ['http://127.1', false],
    ['http://2130706433', false],
    ['http://0x7f.0.0.1', false],
    // Names that only look like loopback.
    ['http://localhost.example.com', true],
    ['http://127.0.0.1.nip.io', true],
    ['http://my-localhost', true],
    ['http://192.168.1.10', true],
    ['http://stats.example.com', true],
    ['HTTP://STATS.EXAMPLE.COM', true],
    ['  http://stats.example.com  ', true],
    // https is fine anywhere.
    ['https://stats.example.com', false],
    ['https://192.168.1.10', false],
    ['https://plausible.io', false],
    // Not a URL: the base URL check refuses it with its own words.
    ['stats.example.com', false],
    ['', false],
  ])('%s → %s', (url, expected) => {
    expect(isPlainHttpToNetwork(url)).toBe(expected)
  })
})

describe('isLoopbackHost', () => {
  it('takes a canonical hostname', () => {
    expect(isLoopbackHost('127.0.0.1')).toBe(true)
    expect(isLoopbackHost('[::1]')).toBe(true)
    expect(isLoopbackHost('::1')).toBe(false) // a hostname keeps its brackets
    expect(isLoopbackHost('127.0.0.1.example')).toBe(false)
  })
})
