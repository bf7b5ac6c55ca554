// A small User-Agent reader for ingested events: bot detection, browser, OS and device (§7), enough for tests.

export interface Device {
  device: 'Desktop' | 'Mobile' | 'Tablet'
  browser: string
  browserVersion: string
  os: string
  osVersion: string
}

/** UAInspector knows thousands of bots; these cover the usual crawlers, monitors and headless browsers (§7). */
const botPattern =
  /bot\b|bot\/|crawler|spider|crawling|slurp|headlesschrome|phantomjs|lighthouse|pingdom|uptimerobot|facebookexternalhit|python-requests|go-http-client/i

export function isBot(userAgent: string): boolean {
  return botPattern.test(userAgent)
}

const notSet = '(not set)'

/** `major.minor`, as Plausible stores browser versions. */
function majorMinor(version: string | undefined): string {
  if (!version) return notSet
  const [major, minor = '0'] = version.split(/[._]/)
  return `${major}.${minor}`
}

function readBrowser(ua: string): { browser: string; version: string } {
  const rules: Array<[RegExp, string]> = [
    [/Edg(?:e|A|iOS)?\/([\d.]+)/, 'Microsoft Edge'],
    [/SamsungBrowser\/([\d.]+)/, 'Samsung Internet'],
    [/OPR\/([\d.]+)/, 'Opera'],
    [/Firefox\/([\d.]+)/, 'Firefox'],
    [/FxiOS\/([\d.]+)/, 'Firefox'],
    [/CriOS\/([\d.]+)/, 'Chrome'],
    [/Chrome\/([\d.]+)/, 'Chrome'],
  ]
  for (const [pattern, browser] of rules) {
    const match = pattern.exec(ua)
    if (match) return { browser, version: majorMinor(match[1]) }
  }
  if (/Safari\//.test(ua)) {
    const version = /Version\/([\d.]+)/.exec(ua)?.[1]
    return { browser: /Mobile\//.test(ua) ? 'Mobile Safari' : 'Safari', version: majorMinor(version) }
  }
  return { browser: notSet, version: notSet }
}

function readOs(ua: string): { os: string; version: string } {
  let match = /Windows NT ([\d.]+)/.exec(ua)
  if (match) {
    const versions: Record<string, string> = { '10.0': '10', '6.3': '8.1', '6.2': '8', '6.1': '7' }
    return { os: 'Windows', version: versions[match[1]!] ?? match[1]! }
  }
  match = /iPad.*OS (\d+[_.]\d+)/.exec(ua)
  if (match) return { os: 'iPadOS', version: majorMinor(match[1]) }
  match = /(?:iPhone|iPod).*OS (\d+[_.]\d+)/.exec(ua)
  if (match) return { os: 'iOS', version: majorMinor(match[1]) }
  match = /Android ([\d.]+)/.exec(ua)
  if (match) return { os: 'Android', version: match[1]!.split('.')[0]! }
  match = /Mac OS X (\d+[_.]\d+)/.exec(ua)
  if (match) return { os: 'Mac', version: majorMinor(match[1]) }
  if (/CrOS/.test(ua)) return { os: 'Chrome OS', version: notSet }
  if (/Linux/.test(ua)) return { os: 'GNU/Linux', version: notSet }
  return { os: notSet, version: notSet }
}

export function readDevice(userAgent: string): Device {
  const { browser, version: browserVersion } = readBrowser(userAgent)
  const { os, version: osVersion } = readOs(userAgent)
  const device = /iPad|Tablet/.test(userAgent)
    ? 'Tablet'
    : /Mobile|iPhone|Android/.test(userAgent)
      ? 'Mobile'
      : 'Desktop'
  return { device, browser, browserVersion, os, osVersion }
}
