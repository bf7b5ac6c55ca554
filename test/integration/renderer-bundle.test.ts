// The built window (out/renderer, from `npx electron-vite build`): minified, a first load of at most 600 kB
// of JS with the dashboard in it, and the management screens, the details modal and recharts only in
// chunks fetched on demand.
import { existsSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { firstLoadLimitBytes, measureRenderer, type RendererSizes } from '../../scripts/renderer-bundle'

const rendererDir = resolve(__dirname, '../../out/renderer')
let sizes: RendererSizes
const code = (file: string): string => readFileSync(join(rendererDir, file), 'utf8')

beforeAll(() => {
  if (!existsSync(join(rendererDir, 'index.html')))
    throw new Error(`${rendererDir}/index.html is missing: run \`npx electron-vite build\` first`)
  sizes = measureRenderer(rendererDir)
})

/** The chunks whose code holds `literal` as a string (the minifier may quote it with ", ' or `). */
function chunksWith(literal: string): Array<{ file: string; firstLoad: boolean }> {
  const quoted = new RegExp(`["'\`]${literal}["'\`]`)
  return sizes.chunks
    .filter((chunk) => quoted.test(code(chunk.file)))
    .map(({ file, firstLoad }) => ({ file, firstLoad }))
}

describe('the renderer bundle', () => {
  it('keeps the first load (the entry and its static imports) within 600 kB of minified JS', () => {
    expect(firstLoadLimitBytes).toBe(600_000)
    expect(sizes.firstLoadBytes).toBeGreaterThan(0)
    expect(sizes.firstLoadBytes).toBeLessThanOrEqual(firstLoadLimitBytes)
  })

  it('preloads exactly what the entry imports, so nothing on the first paint loads as a waterfall', () => {
    const first = sizes.chunks.filter((chunk) => chunk.firstLoad).map((chunk) => chunk.file)
    expect([...sizes.declaredFirstLoad].sort()).toEqual(first.sort())
  })

  it('is minified: local names mangled, long lines', () => {
    const entry = sizes.declaredFirstLoad[0]!
    // Names of the dashboard module's own helpers, kept by an unminified build.
    expect(code(entry)).not.toMatch(/useComparedStats|useGraphPoints|cachedValues/)
    const lines = sizes.chunks.reduce((sum, chunk) => sum + code(chunk.file).split('\n').length, 0)
    expect(sizes.allBytes / lines).toBeGreaterThan(1000)
  })

  it.each([
    ['the overview’s cards (the landing page)', 'overview-cards'],
    ['the dashboard’s main card', 'main-card'],
    ['the breakdown panels', 'panel-row'],
    ['the realtime view', 'realtime-view'],
  ])('paints %s from the first load', (_what, marker) => {
    const holders = chunksWith(marker)
    expect(holders.length).toBeGreaterThan(0)
    expect(holders.every((chunk) => chunk.firstLoad)).toBe(true)
  })

  it.each([
    ['the accounts screen', 'account-list'],
    ['the sites & goals screen', 'sites-account'],
    ['the events screen', 'events-site'],
    ['the queue & budget screen', 'queue-account'],
    ['the settings screen', 'alerts-card'],
    ['the details modal', 'details-modal'],
    ['the main graph', 'visitors-chart'],
    ['the usage chart', 'usage-chart'],
    ['recharts', 'recharts-surface'],
  ])('fetches %s on demand, never in the first load', (_what, marker) => {
    const holders = chunksWith(marker)
    expect(holders.length).toBeGreaterThan(0)
    expect(holders.filter((chunk) => chunk.firstLoad)).toEqual([])
  })
})
