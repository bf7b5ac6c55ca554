// The main build's `import { z } from 'zod'` becomes a stand-in that requires zod the first time it is
// used: a command whose inputs pass their generated fast paths (src/shared/schema-fast-path) builds no
// schema, so it loads no zod at all (a chunk of about 200 kB, ~8 ms of a cold CLI's start). Every module
// keeps its plain import, so the sources, their types and the tests (which run without this plugin) see
// zod as it is.
import { readdirSync, readFileSync } from 'node:fs'
import { join, relative, resolve } from 'node:path'
import type { Plugin } from 'vite'
import { withChunkPath } from './chunk-path'

const standInId = '\0plausible:lazy-zod'
const zodChunkId = '\0plausible:zod-chunk'
/** Replaced, once chunks have names, by the path from the stand-in's chunk to zod's. */
const chunkPlaceholder = '__PLAUSIBLE_ZOD_CHUNK__'

/** The stand-in: `z` as standIn() over what zod's chunk exports, which is required on the first read. */
function standInSource(lazySchemaModule: string): string {
  return `
import { standIn } from ${JSON.stringify(lazySchemaModule)}
let zod
const chunk = ${JSON.stringify(chunkPlaceholder)}
const load = () => (zod ??= require(chunk).z)
export const z = standIn(load, (key) => {
  const value = load()[key]
  if (value === undefined && typeof key === 'string')
    throw new Error('z.' + key + ' is not in the build: scripts/lazy-zod.ts keeps only the members src/ names')
  return value
})
`
}

/**
 * Every `z.member` the sources of the main build name (the renderer has its own zod), and under `core` the
 * members of `z.core` they name: `z.core` whole would keep every locale.
 */
export function zodMembersNamed(sourceRoot: string): { members: string[]; coreMembers: string[] } {
  const members = new Set<string>()
  const coreMembers = new Set<string>()
  for (const entry of readdirSync(sourceRoot, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !/\.tsx?$/.test(entry.name)) continue
    const file = join(entry.parentPath, entry.name)
    if (/^renderer[\\/]/.test(relative(sourceRoot, file))) continue
    const named = readFileSync(file, 'utf8').matchAll(/\bz\.([A-Za-z_$][\w$]*)(?:\.([A-Za-z_$][\w$]*))?/g)
    for (const [, name, inner] of named) {
      if (name !== 'core') members.add(name!)
      else if (inner) coreMembers.add(inner)
    }
  }
  return { members: [...members].sort(), coreMembers: [...coreMembers].sort() }
}

/** The chunk's module: an object of just those members, each only if zod has it as a value (not z.infer). */
export function zodChunkSourceOf(
  zod: Record<string, unknown>,
  named: ReturnType<typeof zodMembersNamed>,
): string {
  const core = zod.core as Record<string, unknown>
  const entries = named.members
    .filter((name) => zod[name] !== undefined)
    .map((name) => `${name}: zod.${name}`)
  const coreEntries = named.coreMembers
    .filter((name) => core[name] !== undefined)
    .map((name) => `${name}: zod.core.${name}`)
  if (coreEntries.length > 0) entries.push(`core: { ${coreEntries.join(', ')} }`)
  return ["import { z as zod } from 'zod'", `export const z = { ${entries.join(', ')} }`].join('\n')
}

export function lazyZod(sourceRoot = resolve('src')): Plugin {
  let zodChunk = ''
  let zodChunkSource = ''
  return {
    name: 'plausible:lazy-zod',
    // Before Vite's own resolver, which would hand every importer the package.
    enforce: 'pre',
    async buildStart() {
      const { z } = await import('zod')
      zodChunkSource = zodChunkSourceOf(z as unknown as Record<string, unknown>, zodMembersNamed(sourceRoot))
      zodChunk = this.emitFile({ type: 'chunk', id: zodChunkId, name: 'zod' })
    },
    resolveId(source, importer) {
      if (source === zodChunkId) return zodChunkId
      if (source !== 'zod' || !importer || importer === zodChunkId) return null
      if (/[\\/]node_modules[\\/]/.test(importer)) return null
      return standInId
    },
    load(id) {
      if (id === standInId) return standInSource(join(sourceRoot, 'shared', 'lazy-schema.ts'))
      if (id === zodChunkId) return zodChunkSource
      return null
    },
    renderChunk(code, chunk) {
      if (!code.includes(chunkPlaceholder)) return null
      return withChunkPath(code, chunkPlaceholder, chunk.fileName, this.getFileName(zodChunk))
    },
  }
}
