import { describe, expect, it } from 'vitest'
import { electronVersionOf, isReviewed, parseFindings } from '../../../scripts/security/scan.mjs'

const header = 'issue, severity, confidence, filename, location, sample, description, url'

describe('the security gate', () => {
  it("reads the scanner's CSV, quoted fields with commas and doubled quotes included", () => {
    const csv = `${header}\nSANDBOX_JS_CHECK,"MEDIUM","FIRM","main/windows.ts","56:17","const window = new BrowserWindow({ a, ""b"" })","Use sandbox",https://example\n`
    expect(parseFindings(csv)).toEqual([
      {
        issue: 'SANDBOX_JS_CHECK',
        severity: 'MEDIUM',
        file: 'main/windows.ts',
        location: '56:17',
        sample: 'const window = new BrowserWindow({ a, "b" })',
      },
    ])
    expect(parseFindings(`${header}\n`)).toEqual([])
    const multiline = `${header}\r\nCSP_GLOBAL_CHECK,"LOW","FIRM","renderer/index.html","6:0","default-src 'self';\n  script-src 'self'","CSP",u\n`
    expect(parseFindings(multiline)).toEqual([
      {
        issue: 'CSP_GLOBAL_CHECK',
        severity: 'LOW',
        file: 'renderer/index.html',
        location: '6:0',
        sample: "default-src 'self';\n  script-src 'self'",
      },
    ])
  })

  it('waves through a reviewed finding only in its file and at its code, never the same check elsewhere', () => {
    const finding = {
      issue: 'DANGEROUS_FUNCTIONS_JS_CHECK',
      severity: 'MEDIUM',
      file: 'main/chunks/json-lines-C003B-_a.js',
      location: '3501:9',
      sample: 'await redis.eval(refundScript, 3, hour)',
    }
    expect(isReviewed(finding)).toBe(true)
    expect(isReviewed({ ...finding, sample: 'eval(userInput)' })).toBe(false)
    expect(isReviewed({ ...finding, file: 'renderer/assets/index.js' })).toBe(false)
    expect(isReviewed({ ...finding, issue: 'NODE_INTEGRATION_JS_CHECK' })).toBe(false)
  })

  it('scans for the Electron version package.json asks for', () => {
    expect(electronVersionOf({ devDependencies: { electron: '^45.4.1' } })).toBe('45.4.1')
    expect(() => electronVersionOf({ devDependencies: {} })).toThrow('package.json names no Electron version')
  })
})
