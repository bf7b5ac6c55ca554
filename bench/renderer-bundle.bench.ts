// The window's first chunk: the minified JS index.html loads before the dashboard paints (the entry and its
// modulepreloads), against all of the renderer's JS. Sizes of the last build (out/renderer), read the way
// the build reports them (scripts/renderer-bundle.ts): one reading, since a size does not vary by run.
import { existsSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { test } from 'vitest'
import { firstLoadLimitBytes, measureRenderer } from '../scripts/renderer-bundle'
import { recordGoal } from './goals'

const rendererDir = resolve(__dirname, '../out/renderer')

test("renderer: the dashboard's first chunk", () => {
  if (!existsSync(join(rendererDir, 'index.html')))
    throw new Error(`${rendererDir} is missing: run \`npx electron-vite build\` first`)
  const sizes = measureRenderer(rendererDir)
  const kB = (bytes: number): number => bytes / 1000
  recordGoal({
    what: "renderer: the dashboard's first chunk",
    subject: {
      label: `entry + modulepreload (gzip ${kB(sizes.firstLoadGzipBytes).toFixed(1)} KB)`,
      median: kB(sizes.firstLoadBytes),
      runs: 1,
    },
    baseline: { label: `all JS, ${sizes.chunks.length} chunks`, median: kB(sizes.allBytes), runs: 1 },
    unit: 'KB',
    goal: `≤ ${kB(firstLoadLimitBytes)} KB minified`,
    met: sizes.firstLoadBytes <= firstLoadLimitBytes,
    ratio: `${Math.round((sizes.firstLoadBytes / sizes.allBytes) * 100)}% of all JS`,
  })
})
