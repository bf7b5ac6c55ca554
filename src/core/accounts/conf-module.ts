// conf (electron-store's base) for config.json's writes, required the first time one is made. As the
// package, an ES module graph (ajv, semver, atomically…), it takes about 110 ms to load; the main build
// swaps this module for a require of conf bundled into a chunk of its own (scripts/conf-chunk.ts), which
// the CLI's code cache keeps: about 30 ms. Outside the build (the tests, the ES module fixtures) it is the
// package from node_modules.
import { createRequire } from 'node:module'
import { join } from 'node:path'
import type Conf from 'conf'

export type ConfClass = typeof Conf

export function loadConf(): ConfClass {
  return (requireHere()('conf') as { default: ConfClass }).default
}

/** A CommonJS build has require; an ES module build resolves from its entry file instead. */
function requireHere(): NodeJS.Require {
  if (typeof require === 'function') return require
  const from =
    typeof __filename === 'string' ? __filename : (process.argv[1] ?? join(process.cwd(), 'index.js'))
  return createRequire(from)
}
