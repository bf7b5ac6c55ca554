// The main build's chunks are minified, so they no longer head each module with a `// src/…` comment:
// this plugin writes out/main/chunk-modules.json instead, each chunk's file and the modules it holds
// (`src/core/core.ts`, `node_modules/zod/v4/core/util.js`). It tells a reader which chunk holds what,
// and the module-load tests which sources and packages a command loaded.
import { relative } from 'node:path'
import type { Plugin } from 'vite'

export const chunkModulesFile = 'chunk-modules.json'

export function chunkModules(root = process.cwd()): Plugin {
  return {
    name: 'plausible:chunk-modules',
    generateBundle(_, bundle) {
      const modules: Record<string, string[]> = {}
      for (const [fileName, output] of Object.entries(bundle)) {
        if (output.type !== 'chunk') continue
        modules[fileName] = output.moduleIds
          // Virtual modules (the lazy zod stand-in) have no file.
          .filter((id) => !id.startsWith('\0'))
          .map((id) => relative(root, id).split('\\').join('/'))
          .sort()
      }
      this.emitFile({
        type: 'asset',
        fileName: chunkModulesFile,
        source: `${JSON.stringify(modules, null, 1)}\n`,
      })
    },
  }
}
