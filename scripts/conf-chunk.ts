// The main build bundles conf into a chunk of its own, required the first time config.json is written:
// src/core/accounts/conf-module.ts becomes a require of that chunk. As the package, conf is an ES module
// graph (ajv, ajv-formats, semver, atomically…) that Node loads through its ES module loader, about 110 ms
// on the first write of a command; bundled as CommonJS and kept by the CLI's code cache, about 30 ms. The
// app's electron-store still loads its own conf from node_modules.
import { resolve } from 'node:path'
import type { Plugin } from 'vite'
import { withChunkPath } from './chunk-path'

const confChunkId = '\0plausible:conf-chunk'
const chunkPlaceholder = '__PLAUSIBLE_CONF_CHUNK__'

/** What conf-module.ts becomes in the main build (the path in a variable: the bundler must not resolve it). */
export const confModuleInBuild = `const chunk = ${JSON.stringify(chunkPlaceholder)}
export function loadConf() {
  return require(chunk).default
}
`

export function confChunk(confModule = resolve('src/core/accounts/conf-module.ts')): Plugin {
  let chunk = ''
  return {
    name: 'plausible:conf-chunk',
    enforce: 'pre',
    buildStart() {
      chunk = this.emitFile({ type: 'chunk', id: confChunkId, name: 'conf' })
    },
    resolveId(source) {
      return source === confChunkId ? confChunkId : null
    },
    load(id) {
      if (id === confChunkId) return "export { default } from 'conf'"
      if (resolve(id) === confModule) return confModuleInBuild
      return null
    },
    renderChunk(code, rendered) {
      return withChunkPath(code, chunkPlaceholder, rendered.fileName, this.getFileName(chunk))
    },
  }
}
