// Turns on the code cache of code-cache.ts for the CLI's build, in the per-user cache folder beside Node's
// compile cache. Loaded after `--version` is answered: that answer needs neither, nor node:crypto.
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { Module } from 'node:module'
import { homedir } from 'node:os'
import { basename, dirname, join } from 'node:path'
import { constants, Script } from 'node:vm'
import { commandKey, installCodeCache, type ModuleClass } from './code-cache'
import { compileCacheDir } from './compile-cache'

/** `<cache>/plausible-desktop/code-cache/<V8 version>-<arch>`: a cache only the V8 that made it can read. */
export function codeCacheDir(
  env: Record<string, string | undefined>,
  platform: NodeJS.Platform,
  home: string,
): string {
  const tag = `${process.versions.v8}-${process.arch}`
  return join(dirname(compileCacheDir(env, platform, home)), 'code-cache', tag)
}

/** A bundler's chunk name ends in a hash of its content: `core-PBiw9ELV.js`. */
const contentHashedName = /-[A-Za-z0-9_-]{8}\.js$/
/** A chunk's cache: `core-PBiw9ELV.js.3b6f`, its stem (`core`) before the hash. */
const chunkCacheName = /^(.+)-[A-Za-z0-9_-]{8}\.js\.[0-9a-z]+$/

/** A chunk's new cache takes the place of its older builds' caches (same stem, another hash or length). */
export function supersedesCache(written: string, other: string): boolean {
  const stem = chunkCacheName.exec(written)?.[1]
  return stem !== undefined && chunkCacheName.exec(other)?.[1] === stem
}

/**
 * The name of a file's cache: it must change whenever the file's code does (V8 itself only checks the
 * length). A chunk's name already holds a hash of its content, so its name and length do, and hashing
 * the whole bundle again on every run is spared; any other file is named by a digest of its content.
 */
export function cacheFileName(filename: string, content: string): string {
  const name = basename(filename)
  if (contentHashedName.test(name)) return `${name}.${content.length.toString(36)}`
  // node:crypto only here (as builtin-module.ts does it; this file stays a chunk of its own, compiled before
  // the code cache is on): a chunk's name needs none, and --help or completion no other.
  const { createHash } = (process.getBuiltinModule?.('node:crypto') ??
    Module.createRequire(filename)('node:crypto')) as typeof import('node:crypto')
  return createHash('sha1').update(filename).update('\0').update(content).digest('hex')
}

/**
 * Compiles the files of `bundleDir` with the code cache. Node's own variables keep their meaning:
 * NODE_DISABLE_COMPILE_CACHE turns every cache off; NODE_COMPILE_CACHE gives Node's cache the files.
 */
export function useCodeCache(
  argv: readonly string[],
  bundleDir: string,
  env: Record<string, string | undefined> = process.env,
): void {
  if (env.NODE_DISABLE_COMPILE_CACHE || env.NODE_COMPILE_CACHE) return
  let dir: string
  try {
    dir = codeCacheDir(env, process.platform, homedir())
  } catch {
    return // homedir() without a home: run without the cache.
  }
  installCodeCache({
    root: bundleDir,
    dir,
    command: commandKey(argv),
    Module: Module as unknown as ModuleClass,
    // Named imports, each a property read: a namespace import of a built-in copies every export of it
    // into a new object (the bundler's interop), about 1 ms for node:fs.
    vm: { Script, constants },
    fs: { readFileSync, writeFileSync, renameSync, mkdirSync, rmSync, readdirSync },
    cacheName: cacheFileName,
    supersedes: supersedesCache,
    onExit: (write) => process.once('exit', (code) => write(code)),
  })
}
