import { execSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { defineConfig } from 'electron-vite'
import type { Plugin } from 'vite'
import react from '@vitejs/plugin-react'
import { chunkModules } from './scripts/chunk-modules'
import { confChunk } from './scripts/conf-chunk'
import { lazyZod } from './scripts/lazy-zod'
import { rendererBundleReport, rendererVendorChunks } from './scripts/renderer-bundle'

// main: the Electron main process plus the CLI, which runs under plain Node (or the app's own binary
// with ELECTRON_RUN_AS_NODE=1). preload: one sandbox-safe CJS file. renderer: the React window,
// also served by `plausible ui`.
const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }

/** The commit the build came from, for `plausible --version`; unknown outside a git checkout. */
function gitCommit(): string {
  try {
    return execSync('git rev-parse --short HEAD', { stdio: ['ignore', 'pipe', 'ignore'] })
      .toString()
      .trim()
  } catch {
    return 'unknown'
  }
}

/**
 * commander's command.js imports Node's modules as defaults, which the bundler turns into a copy of every
 * export of each (node:process and node:fs have a hundred, about 1 ms on every command): they become
 * plain requires. Its node:child_process (with net and dgram under it, about 3 ms) is for executable
 * subcommands, which `plausible` has none of: it becomes a stand-in that loads the module on the first
 * spawn, so no command pays for it.
 */
function plainBuiltinsForCommander(): Plugin {
  const lines: Array<[eager: string, plain: string]> = [
    [
      "import childProcess from 'node:child_process';",
      "const childProcess = { spawn: (...args) => requireBuiltin('node:child_process').spawn(...args) };",
    ],
    ["import path from 'node:path';", "const path = requireBuiltin('node:path');"],
    ["import fs from 'node:fs';", "const fs = requireBuiltin('node:fs');"],
    ["import process from 'node:process';", 'const process = globalThis.process;'],
  ]
  return {
    name: 'plausible:plain-builtins-for-commander',
    transform(code, id) {
      if (!/[\\/]commander[\\/]lib[\\/]command\.js$/.test(id)) return null
      let plain = code
      for (const [eager, replacement] of lines) {
        // Loud if commander changes a line: the build fails instead of quietly copying the module again.
        if (!plain.includes(eager)) throw new Error(`commander's command.js no longer has: ${eager}`)
        plain = plain.replace(eager, replacement)
      }
      return `import { createRequire } from 'node:module'; const requireBuiltin = createRequire(__filename);\n${plain}`
    },
  }
}

export default defineConfig({
  main: {
    define: { __APP_VERSION__: JSON.stringify(`${version} (${gitCommit()})`) },
    plugins: [plainBuiltinsForCommander(), lazyZod(), confChunk(), chunkModules()],
    build: {
      // keytar is an optional dependency (a native build that may fail): it stays external, loaded lazily.
      // commander is bundled: it is ESM only, and require() of an ES module starts Node's ESM loader (and
      // worker_threads) on every CLI run, ~30 ms of the start-up of --help; bundled, it is plain CJS that
      // the compile cache keeps.
      // zod is bundled too: as a package its classic build loads every locale (~20 ms), bundled only
      // the parts the schemas use, in a chunk loaded on first use (scripts/lazy-zod.ts).
      // conf is bundled into a chunk required on the first write of config.json (scripts/conf-chunk.ts).
      externalizeDeps: { include: ['keytar'], exclude: ['commander', 'zod', 'conf'] },
      rollupOptions: {
        input: {
          index: resolve('src/main/index.ts'),
          cli: resolve('src/cli/index.ts'),
        },
        output: {
          // The CLI runs as an executable: `npm link` puts out/main/cli.js on the PATH as `plausible`.
          banner: (chunk) => (chunk.name === 'cli' ? '#!/usr/bin/env node' : ''),
          // A package loaded on demand (bottleneck, keytar, ioredis: all CommonJS) is required, not
          // import()ed: the CLI's code cache compiles the chunks with vm.Script, where import() goes
          // through a loader Node still calls experimental, with a warning on stderr.
          dynamicImportInCjs: false,
          // Whitespace and comments out, names and code as written: a cold command reads and keeps in its
          // heap a third less source (about 7 ms of `stats aggregate`), and stack traces still name the
          // functions. chunk-modules.json says which modules each chunk holds.
          minify: { compress: false, mangle: false, codegen: { removeWhitespace: true } },
        },
      },
    },
  },
  preload: {
    build: {
      externalizeDeps: false,
      rollupOptions: { input: { index: resolve('src/preload/index.ts') } },
    },
  },
  renderer: {
    resolve: { alias: { '@renderer': resolve('src/renderer/src') } },
    plugins: [react(), rendererBundleReport()],
    build: {
      // electron-vite leaves the renderer unminified unless asked: minify it, as the window ships it.
      minify: true,
      rolldownOptions: { output: { codeSplitting: { groups: rendererVendorChunks } } },
    },
  },
})
