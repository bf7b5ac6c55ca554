// The main build's conf chunk (scripts/conf-chunk.ts) and the chunk paths it shares with lazy zod
// (scripts/chunk-path.ts): conf-module.ts becomes a require of the chunk, which re-exports conf, and the
// placeholder becomes the path from the requiring chunk, in the same folder or another.
import { createRequire } from 'node:module'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { withChunkPath } from '../../../scripts/chunk-path'
import { confChunk, confModuleInBuild } from '../../../scripts/conf-chunk'

describe('withChunkPath', () => {
  it('puts the relative path in every quoted placeholder, ./ in the same folder', () => {
    expect(withChunkPath('a("P");b("P")', 'P', 'chunks/core-1.js', 'chunks/conf-2.js')).toEqual({
      code: 'a("./conf-2.js");b("./conf-2.js")',
      map: null,
    })
    expect(withChunkPath('require("P")', 'P', 'cli.js', 'chunks/zod-3.js')?.code).toBe(
      'require("./chunks/zod-3.js")',
    )
    expect(withChunkPath('require("P")', 'P', 'chunks/a.js', 'b.js')?.code).toBe('require("../b.js")')
  })

  it('leaves a chunk without the quoted placeholder alone', () => {
    expect(withChunkPath('const P = 1', 'P', 'chunks/a.js', 'chunks/b.js')).toBeNull()
  })
})

describe('confChunk', () => {
  const confModule = resolve('src/core/accounts/conf-module.ts')
  const plugin = confChunk(confModule)
  const load = plugin.load as (id: string) => string | null
  const resolveId = plugin.resolveId as (source: string) => string | null

  it('replaces conf-module.ts with a require of the chunk, whose module re-exports conf', () => {
    expect(load.call({}, confModule)).toBe(confModuleInBuild)
    const chunkId = resolveId.call({}, '\0plausible:conf-chunk')
    expect(chunkId).toBe('\0plausible:conf-chunk')
    expect(load.call({}, chunkId!)).toBe("export { default } from 'conf'")
    expect(load.call({}, resolve('src/core/accounts/conf-settings-store.ts'))).toBeNull()
    expect(resolveId.call({}, 'conf')).toBeNull()
  })

  it('requires what the placeholder becomes, and hands out its default export', () => {
    class Conf {}
    const source = withChunkPath(
      confModuleInBuild,
      '__PLAUSIBLE_CONF_CHUNK__',
      'chunks/core.js',
      'chunks/conf.js',
    )!
    expect(source.code).toContain('"./conf.js"')
    const required: string[] = []
    const fakeRequire = (path: string): { default: typeof Conf } => {
      required.push(path)
      return { default: Conf }
    }
    const loadConf = new Function('require', `${source.code.replace('export ', '')}\nreturn loadConf`)(
      fakeRequire,
    ) as () => unknown
    expect(loadConf()).toBe(Conf)
    expect(required).toEqual(['./conf.js'])
  })
})

describe('conf-module.ts outside the build', () => {
  it('loads conf from node_modules: the class the package exports', async () => {
    const { loadConf } = await import('../../../src/core/accounts/conf-module')
    const fromPackage = createRequire(__filename)('conf') as { default: unknown }
    expect(loadConf()).toBe(fromPackage.default)
  })
})
