import { describe, expect, it } from 'vitest'
import { isBot, readDevice } from '../../../../src/core/sandbox/user-agent'

const safariMac =
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.6 Safari/605.1.15'
const chromeAndroid =
  'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.6778.39 Mobile Safari/537.36'
const iPad =
  'Mozilla/5.0 (iPad; CPU OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1'
const edgeWindows =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.2903.51'

describe('user agents', () => {
  it('reads browser, OS and device with major.minor versions', () => {
    expect(readDevice(safariMac)).toEqual({
      device: 'Desktop',
      browser: 'Safari',
      browserVersion: '17.6',
      os: 'Mac',
      osVersion: '10.15',
    })
    expect(readDevice(chromeAndroid)).toEqual({
      device: 'Mobile',
      browser: 'Chrome',
      browserVersion: '131.0',
      os: 'Android',
      osVersion: '14',
    })
    expect(readDevice(iPad)).toMatchObject({
      device: 'Tablet',
      browser: 'Mobile Safari',
      os: 'iPadOS',
      osVersion: '18.1',
    })
    expect(readDevice(edgeWindows)).toMatchObject({
      browser: 'Microsoft Edge',
      os: 'Windows',
      osVersion: '10',
    })
    expect(readDevice('')).toEqual({
      device: 'Desktop',
      browser: '(not set)',
      browserVersion: '(not set)',
      os: '(not set)',
      osVersion: '(not set)',
    })
  })

  it('treats crawlers and headless browsers as bots, browsers and an empty UA not', () => {
    expect(isBot('Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)')).toBe(true)
    expect(
      isBot('Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 HeadlessChrome/131.0.0.0 Safari/537.36'),
    ).toBe(true)
    expect(isBot(safariMac)).toBe(false)
    expect(isBot('')).toBe(false)
  })
})
