import { describe, expect, it } from 'vitest'
import {
  checkLoopback,
  isLoopbackHost,
  parseListenAddress,
} from '../../../../src/core/metrics/listen-address'

describe('parseListenAddress', () => {
  it('reads host:port and [v6]:port, ports 0 to 65535', () => {
    expect(parseListenAddress('127.0.0.1:9464', '--serve')).toEqual({ host: '127.0.0.1', port: 9464 })
    expect(parseListenAddress('[::1]:0', '--serve')).toEqual({ host: '::1', port: 0 })
    expect(parseListenAddress('localhost:65535', '--serve')).toEqual({ host: 'localhost', port: 65535 })
  })

  it('refuses port 65536, a missing port and an unbracketed v6 address, naming the flag', () => {
    for (const text of ['127.0.0.1:65536', '127.0.0.1', '::1:9464', '[nothost]:1'])
      expect(() => parseListenAddress(text, '--serve')).toThrow(`--serve takes host:port`)
  })
})

describe('isLoopbackHost', () => {
  it('is true for localhost, 127.0.0.0/8 and ::1 only', () => {
    expect(['localhost', '127.0.0.1', '127.255.255.255', '::1'].map(isLoopbackHost)).toEqual([
      true,
      true,
      true,
      true,
    ])
    expect(
      ['0.0.0.0', '128.0.0.1', '126.255.255.255', '::', '192.168.1.2', '127.example.com'].map(isLoopbackHost),
    ).toEqual([false, false, false, false, false, false])
  })
})

describe('checkLoopback', () => {
  it('refuses 0.0.0.0 with a USAGE error that names the allowing flag', () => {
    expect(() => checkLoopback({ host: '0.0.0.0', port: 9464 }, '--allow-non-loopback')).toThrow(
      expect.objectContaining({ code: 'USAGE', hint: expect.stringContaining('--allow-non-loopback') }),
    )
    expect(() => checkLoopback({ host: '127.0.0.1', port: 9464 }, '--allow-non-loopback')).not.toThrow()
  })
})
