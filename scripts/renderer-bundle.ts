// The renderer's bundle in numbers (issue 14, "a lean window"): which chunks the window must fetch before its
// first paint — the entry index.html runs and every chunk it statically imports, which Vite lists as
// modulepreload links — their sizes raw and gzipped, and the limit that first load stays under. One
// reading for the build's report (a Vite plugin), the test that holds the limit and the benchmark row.
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join, posix } from 'node:path'
import { gzipSync } from 'node:zlib'
import type { Logger, Plugin } from 'vite'

/**
 * The renderer's libraries in chunks of their own (rolldown's `output.codeSplitting.groups`), so each keeps
 * its hash, and its cache, across builds that do not touch it. react, react-query and zod load first with
 * the dashboard; recharts — with the d3 and redux modules only it uses, which its group pulls in — comes
 * with the first chart.
 */
export const rendererVendorChunks = [
  { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler)[\\/]/, priority: 2 },
  { name: 'react-query', test: /node_modules[\\/]@tanstack[\\/]/, priority: 2 },
  // zod-jitless.ts rides in zod's chunk: its `config({ jitless: true })` must run before any other chunk
  // builds a schema (an object schema probes `new Function` as it is built, which the CSP reports).
  { name: 'zod', test: /node_modules[\\/]zod[\\/]|[\\/]renderer[\\/]src[\\/]zod-jitless\.ts$/, priority: 2 },
  { name: 'recharts', test: /node_modules[\\/]recharts[\\/]/, priority: 1 },
]

/** The dashboard's first load, minified JS: 600 kB as Vite counts them (1 kB = 1,000 bytes). */
export const firstLoadLimitBytes = 600_000

export interface ChunkSize {
  /** Relative to the renderer folder: `assets/index-Bx2.js`. */
  file: string
  bytes: number
  gzipBytes: number
  /** Fetched before the first paint (the entry or one of its static imports). */
  firstLoad: boolean
}

export interface RendererSizes {
  /** Every JS chunk, the first load first, then by size. */
  chunks: ChunkSize[]
  /** The stylesheets index.html links (loaded first too; not counted against the JS limit). */
  styles: ChunkSize[]
  /** What index.html asks for up front: its module script and its modulepreload links. */
  declaredFirstLoad: string[]
  firstLoadBytes: number
  firstLoadGzipBytes: number
  allBytes: number
  allGzipBytes: number
}

/**
 * The sibling chunks a minified ES chunk imports statically (`import{a as b}from"./react-X.js"`,
 * `import"./x.js"`, `export{a}from"./x.js"`): what must arrive before it runs. `import("./x.js")`, a
 * load on demand, is not one of them.
 */
export function staticImportsOf(code: string): string[] {
  const found = new Set<string>()
  for (const match of code.matchAll(/(?:\bfrom|\bimport)\s*["'](\.\/[^"']+\.js)["']/g)) {
    if (match[1]) found.add(match[1])
  }
  return [...found]
}

/** The module script and modulepreload links of index.html, and its stylesheets, as paths in the folder. */
export function declaredByIndex(html: string): { scripts: string[]; preloads: string[]; styles: string[] } {
  const tags = [...html.matchAll(/<(script|link)\b([^>]*)>/g)]
  const attribute = (attributes: string, name: string): string | undefined =>
    new RegExp(`\\b${name}="([^"]*)"`).exec(attributes)?.[1]
  const local = (url: string | undefined): string | undefined =>
    url && !/^[a-z]+:/i.test(url) ? posix.normalize(url.replace(/^\.?\//, '')) : undefined
  const scripts: string[] = []
  const preloads: string[] = []
  const styles: string[] = []
  for (const [, tag, attributes = ''] of tags) {
    if (tag === 'script' && attribute(attributes, 'type') === 'module') {
      const src = local(attribute(attributes, 'src'))
      if (src) scripts.push(src)
    } else if (tag === 'link') {
      const href = local(attribute(attributes, 'href'))
      const rel = attribute(attributes, 'rel')
      if (href && rel === 'modulepreload') preloads.push(href)
      if (href && rel === 'stylesheet') styles.push(href)
    }
  }
  return { scripts, preloads, styles }
}

/** Reads a built renderer folder (out/renderer): every chunk's size and which of them the first paint needs. */
export function measureRenderer(rendererDir: string): RendererSizes {
  const html = readFileSync(join(rendererDir, 'index.html'), 'utf8')
  const declared = declaredByIndex(html)
  const codeOf = (file: string): Buffer => readFileSync(join(rendererDir, file))

  // The closure over static imports, from the entry: what the browser fetches whether or not it was preloaded.
  const firstLoad = new Set<string>()
  const pending = [...declared.scripts]
  while (pending.length > 0) {
    const file = pending.pop()!
    if (firstLoad.has(file)) continue
    firstLoad.add(file)
    for (const imported of staticImportsOf(codeOf(file).toString('utf8'))) {
      pending.push(posix.join(posix.dirname(file), imported))
    }
  }

  const sizeOf = (file: string, isFirst: boolean): ChunkSize => {
    const code = codeOf(file)
    return { file, bytes: code.length, gzipBytes: gzipSync(code).length, firstLoad: isFirst }
  }
  const assets = existsSync(join(rendererDir, 'assets')) ? readdirSync(join(rendererDir, 'assets')) : []
  const chunks = assets
    .filter((name) => name.endsWith('.js'))
    .map((name) => sizeOf(`assets/${name}`, firstLoad.has(`assets/${name}`)))
    .sort((a, b) => Number(b.firstLoad) - Number(a.firstLoad) || b.bytes - a.bytes)
  const sum = (list: ChunkSize[], key: 'bytes' | 'gzipBytes'): number =>
    list.reduce((total, chunk) => total + chunk[key], 0)
  const first = chunks.filter((chunk) => chunk.firstLoad)
  return {
    chunks,
    styles: declared.styles.map((file) => sizeOf(file, true)),
    declaredFirstLoad: [...declared.scripts, ...declared.preloads],
    firstLoadBytes: sum(first, 'bytes'),
    firstLoadGzipBytes: sum(first, 'gzipBytes'),
    allBytes: sum(chunks, 'bytes'),
    allGzipBytes: sum(chunks, 'gzipBytes'),
  }
}

/** `123.4 kB`, as Vite's own reporter writes sizes. */
export function kB(bytes: number): string {
  return `${(bytes / 1000).toFixed(1)} kB`
}

/** The table the build prints: one line a chunk, then the first load against its limit. */
export function formatReport(sizes: RendererSizes, limitBytes = firstLoadLimitBytes): string {
  const rows = [...sizes.chunks, ...sizes.styles].map((chunk) => [
    chunk.file,
    chunk.firstLoad ? 'first load' : 'on demand',
    kB(chunk.bytes),
    kB(chunk.gzipBytes),
  ])
  const header = ['renderer chunk', 'when', 'minified', 'gzip']
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => row[column]!.length)),
  )
  const line = (cells: string[]): string =>
    cells
      .map((cell, column) => (column < 2 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!)))
      .join('  ')
  const share = sizes.allBytes > 0 ? Math.round((sizes.firstLoadBytes / sizes.allBytes) * 100) : 0
  return [
    line(header),
    ...rows.map(line),
    `first load (entry + modulepreload): ${kB(sizes.firstLoadBytes)} minified, ${kB(sizes.firstLoadGzipBytes)} gzip, ` +
      `${share}% of all ${kB(sizes.allBytes)} of JS; limit ${kB(limitBytes)}`,
  ].join('\n')
}

/** What the build says when the first load is over its limit; null at or under it. */
export function overLimitWarning(sizes: RendererSizes, limitBytes = firstLoadLimitBytes): string | null {
  if (sizes.firstLoadBytes <= limitBytes) return null
  return (
    `The window's first load is ${kB(sizes.firstLoadBytes)} of JS, over its limit of ${kB(limitBytes)}: ` +
    'load the new code on demand (src/renderer/src/routes/lazy-screens.ts, charts/lazy-charts.tsx).'
  )
}

/** Prints the table after each renderer build, and warns when the first load is over its limit (a test fails on it). */
export function rendererBundleReport(limitBytes = firstLoadLimitBytes): Plugin {
  let logger: Logger | undefined
  let outDir = ''
  return {
    name: 'plausible:renderer-bundle-report',
    apply: 'build',
    configResolved(config) {
      logger = config.logger
      outDir = config.build.outDir
    },
    closeBundle() {
      if (!existsSync(join(outDir, 'index.html'))) return
      const sizes = measureRenderer(outDir)
      logger?.info(`\n${formatReport(sizes, limitBytes)}`)
      const warning = overLimitWarning(sizes, limitBytes)
      if (warning) logger?.warn(warning)
    },
  }
}
