import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { afterEach, describe, expect, it } from 'vitest'
import {
  declaredByIndex,
  formatReport,
  measureRenderer,
  overLimitWarning,
  staticImportsOf,
  type RendererSizes,
} from '../../../scripts/renderer-bundle'

describe('staticImportsOf', () => {
  it('lists what a chunk imports before it runs, not what it loads on demand or merely names', () => {
    const code = [
      'import{a as b,c}from"./react-B1.js";',
      'import"./side-C2.js";',
      'export{d}from"./re-export-D3.js";',
      "import { e } from './spaced-E4.js'",
      'const lazy=()=>import(`./accounts-F5.js`),other=()=>import("./sites-G6.js");',
      'const deps=["./queue-H7.js"];',
      'import{f}from"./react-B1.js";',
    ].join('')
    expect(staticImportsOf(code)).toEqual([
      './react-B1.js',
      './side-C2.js',
      './re-export-D3.js',
      './spaced-E4.js',
    ])
  })
})

describe('declaredByIndex', () => {
  it('reads the module script, the modulepreload links and the stylesheets as paths in the folder', () => {
    const html = `<link rel="icon" type="image/svg+xml" href="data:image/svg+xml,%3Csvg%3E" />
      <script type="module" crossorigin src="./assets/index-A.js"></script>
      <link rel="modulepreload" crossorigin href="./assets/react-B.js">
      <link rel="stylesheet" crossorigin href="./assets/index-C.css">`
    expect(declaredByIndex(html)).toEqual({
      scripts: ['assets/index-A.js'],
      preloads: ['assets/react-B.js'],
      styles: ['assets/index-C.css'],
    })
  })
})

describe('measureRenderer', () => {
  let dir: string | undefined
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true })
    dir = undefined
  })

  it('counts the entry and everything it imports statically as the first load, preloaded or not', () => {
    dir = mkdtempSync(join(tmpdir(), 'renderer-bundle-'))
    mkdirSync(join(dir, 'assets'))
    const files: Record<string, string> = {
      'assets/index-A.js':
        'import{a}from"./react-B.js";import"./side-D.js";const l=()=>import(`./lazy-E.js`);a(l)',
      'assets/react-B.js': 'export const a=f=>f;',
      // Not preloaded by index.html, yet fetched before the first paint: the side chunk imports it.
      'assets/side-D.js': 'import{x}from"./shared-F.js";x()',
      'assets/shared-F.js': 'export const x=()=>0;',
      'assets/lazy-E.js': 'import{x}from"./shared-F.js";export const E=x;',
      'assets/index-C.css': 'body{margin:0}',
      'index.html':
        '<script type="module" src="./assets/index-A.js"></script><link rel="modulepreload" href="./assets/react-B.js"><link rel="stylesheet" href="./assets/index-C.css">',
    }
    for (const [file, text] of Object.entries(files)) writeFileSync(join(dir, file), text)
    const size = (file: string, firstLoad: boolean) => ({
      file,
      bytes: Buffer.byteLength(files[file]!),
      gzipBytes: gzipSync(files[file]!).length,
      firstLoad,
    })
    // The first load first, each group by size: 84, 33, 21 and 20 bytes, then the chunk on demand.
    const first = ['assets/index-A.js', 'assets/side-D.js', 'assets/shared-F.js', 'assets/react-B.js']
    const sizes = measureRenderer(dir)
    expect(sizes.chunks).toEqual([...first.map((file) => size(file, true)), size('assets/lazy-E.js', false)])
    expect(sizes.styles).toEqual([size('assets/index-C.css', true)])
    expect(sizes.declaredFirstLoad).toEqual(['assets/index-A.js', 'assets/react-B.js'])
    const bytes = (list: string[]) => list.reduce((sum, file) => sum + Buffer.byteLength(files[file]!), 0)
    expect(sizes.firstLoadBytes).toBe(bytes(first))
    expect(sizes.allBytes).toBe(bytes([...first, 'assets/lazy-E.js']))
  })
})

const sizes: RendererSizes = {
  chunks: [
    { file: 'assets/index-A.js', bytes: 76_930, gzipBytes: 24_800, firstLoad: true },
    { file: 'assets/recharts-B.js', bytes: 417_470, gzipBytes: 116_300, firstLoad: false },
  ],
  styles: [{ file: 'assets/index-C.css', bytes: 32_500, gzipBytes: 7_100, firstLoad: true }],
  declaredFirstLoad: ['assets/index-A.js'],
  firstLoadBytes: 76_930,
  firstLoadGzipBytes: 24_800,
  allBytes: 494_400,
  allGzipBytes: 141_100,
}

describe('formatReport', () => {
  it('prints a line a chunk, raw and gzip, then the first load against its limit', () => {
    expect(formatReport(sizes).split('\n')).toEqual([
      'renderer chunk        when        minified      gzip',
      'assets/index-A.js     first load   76.9 kB   24.8 kB',
      'assets/recharts-B.js  on demand   417.5 kB  116.3 kB',
      'assets/index-C.css    first load   32.5 kB    7.1 kB',
      'first load (entry + modulepreload): 76.9 kB minified, 24.8 kB gzip, 16% of all 494.4 kB of JS; limit 600.0 kB',
    ])
  })
})

describe('overLimitWarning', () => {
  it('stays quiet at the limit and speaks one byte over it', () => {
    expect(overLimitWarning({ ...sizes, firstLoadBytes: 600_000 })).toBeNull()
    expect(overLimitWarning({ ...sizes, firstLoadBytes: 600_001 })).toBe(
      "The window's first load is 600.0 kB of JS, over its limit of 600.0 kB: load the new code on demand (src/renderer/src/routes/lazy-screens.ts, charts/lazy-charts.tsx).",
    )
    expect(overLimitWarning({ ...sizes, firstLoadBytes: 100 }, 99)).toContain(
      '0.1 kB of JS, over its limit of 0.1 kB',
    )
  })
})
