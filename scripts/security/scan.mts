// The CI security gate: Electronegativity over src/ and the built out/, for the Electron version the app
// ships (package.json), failing on any finding that the reviewed allow-list below does not name.
// Run: `npm ci --prefix scripts/security && node scripts/security/scan.mts` (Node ≥ 22.18 strips the types).
// The scanner always exits 0 and reads no config, so the verdict is made here from its CSV.
import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

export interface Finding {
  issue: string
  severity: string
  file: string
  location: string
  sample: string
}

export interface ReviewedFinding {
  issue: string
  /** The reported file, as a pattern: bundle chunks carry a hash. */
  file: RegExp
  /** A piece of the flagged code, so that a new use of the same API elsewhere in the file is not waved through. */
  sample: string
  why: string
}

/** Findings reviewed and judged false positives; each says why. Keep it short. */
export const reviewed: ReviewedFinding[] = [
  {
    issue: 'CONTEXT_ISOLATION_JS_CHECK',
    file: /^main\/windows\.ts$/,
    sample: 'new BrowserWindow(',
    why: 'webPreferences come from secureWebPreferences() (contextIsolation: true), which the scanner cannot follow',
  },
  {
    issue: 'SANDBOX_JS_CHECK',
    file: /^main\/windows\.ts$/,
    sample: 'new BrowserWindow(',
    why: 'sandbox: true in secureWebPreferences(), and app.enableSandbox() for every renderer',
  },
  {
    issue: 'AUXCLICK_JS_CHECK',
    file: /^main\/windows\.ts$/,
    sample: 'new BrowserWindow(',
    why: 'a middle-click opens a new window, and every new window is denied by the web-contents guard',
  },
  {
    issue: 'OPEN_EXTERNAL_JS_CHECK',
    file: /^main\/(web-contents-guard\.ts|index\.js)$/,
    sample: 'openExternal(link)',
    why: 'only what externalLinkOf() lets through (https links) reaches the OS browser',
  },
  {
    issue: 'CSP_GLOBAL_CHECK',
    file: /^renderer\/index\.html$/,
    sample: "script-src 'self'",
    why: "flags img-src data: (the site icons drawn inline); scripts, styles and connections are 'self' only",
  },
  {
    issue: 'DANGEROUS_FUNCTIONS_JS_CHECK',
    file: /^(core\/budget\/redis-ledger-store\.ts|main\/chunks\/[\w-]+\.js)$/,
    sample: 'redis.eval(',
    why: "ioredis' eval runs our own Lua scripts inside Redis, not JavaScript",
  },
]

/** Parses the scanner's CSV: a header record, then one finding per record; quoted fields may hold commas, quotes and line breaks. */
export function parseFindings(csv: string): Finding[] {
  return csvRecords(csv)
    .slice(1)
    .filter((fields) => fields.some((field) => field.trim() !== ''))
    .map(([issue = '', severity = '', , file = '', location = '', sample = '']) => ({
      issue,
      severity,
      file,
      location,
      sample,
    }))
}

function csvRecords(text: string): string[][] {
  const records: string[][] = []
  let record: string[] = []
  let field = ''
  let quoted = false
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i]
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"'
        i += 1
      } else if (char === '"') quoted = false
      else field += char
    } else if (char === '"') quoted = true
    else if (char === ',') {
      record.push(field)
      field = ''
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && text[i + 1] === '\n') i += 1
      record.push(field)
      records.push(record)
      record = []
      field = ''
    } else field += char
  }
  if (field !== '' || record.length > 0) records.push([...record, field])
  return records
}

export function isReviewed(finding: Finding, list: ReviewedFinding[] = reviewed): boolean {
  return list.some(
    (entry) =>
      entry.issue === finding.issue && entry.file.test(finding.file) && finding.sample.includes(entry.sample),
  )
}

/** The Electron version package.json asks for, as the scanner wants it ("^45.4.1" → "45.4.1"). */
export function electronVersionOf(packageJson: { devDependencies?: Record<string, string> }): string {
  const range = packageJson.devDependencies?.electron ?? ''
  const version = /\d+\.\d+\.\d+/.exec(range)?.[0]
  if (!version)
    throw new Error(`package.json names no Electron version (devDependencies.electron is "${range}")`)
  return version
}

function scan(scanner: string, input: string, version: string, csv: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        // Its CSV header and findings are written concurrently and may overwrite each other (serial-writes.mjs).
        '--import',
        new URL('./serial-writes.mjs', import.meta.url).href,
        scanner,
        '-i',
        input,
        '-r',
        '-v',
        'false',
        '-e',
        version,
        '-x',
        'AvailableSecurityFixesGlobalCheck',
        '-o',
        csv,
      ],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    )
    let stderr = ''
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    child.on('error', reject)
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`electronegativity on ${input} exited ${code}: ${stderr}`)),
    )
  })
}

async function main(): Promise<number> {
  const here = dirname(fileURLToPath(import.meta.url))
  const root = join(here, '..', '..')
  const scanner = join(here, 'node_modules', '@doyensec', 'electronegativity', 'dist', 'index.js')
  const version = electronVersionOf(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')))
  const work = mkdtempSync(join(tmpdir(), 'electronegativity-'))
  try {
    const inputs = ['src', 'out']
    await Promise.all(
      inputs.map((input) => scan(scanner, join(root, input), version, join(work, `${input}.csv`))),
    )
    const findings = inputs.flatMap((input) =>
      parseFindings(readFileSync(join(work, `${input}.csv`), 'utf8')).map((finding) => ({
        input,
        ...finding,
      })),
    )
    const unreviewed = findings.filter((finding) => !isReviewed(finding))
    const stale = reviewed.filter((entry) => !findings.some((finding) => isReviewed(finding, [entry])))
    console.log(
      `Electronegativity (Electron ${version}) over src/ and out/: ${findings.length} finding(s), ` +
        `${findings.length - unreviewed.length} reviewed, ${unreviewed.length} new.`,
    )
    for (const entry of stale)
      console.log(`note: the reviewed ${entry.issue} (${entry.file}) no longer appears`)
    for (const finding of unreviewed)
      console.log(
        `✗ ${finding.issue} [${finding.severity}] ${finding.input}/${finding.file}:${finding.location}: ${finding.sample.slice(0, 160)}`,
      )
    if (unreviewed.length > 0)
      console.log(
        'Fix each, or review it and add it to the allow-list in scripts/security/scan.mts with the reason.',
      )
    return unreviewed.length > 0 ? 1 : 0
  } finally {
    rmSync(work, { recursive: true, force: true })
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().then(
    (code) => (process.exitCode = code),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error)
      process.exitCode = 1
    },
  )
}
