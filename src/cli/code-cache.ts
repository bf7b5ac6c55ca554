// Node's compile cache keeps the code V8 makes when it compiles a module, before the module runs: the top
// level only. Every function V8 compiles later, when it is first called (most of a command: the parsing,
// the core, zod), is compiled again on every run. V8 can also serialize a script after it ran, with the
// functions called so far (createCachedData on the executed script). This loader compiles the CLI
// bundle's own files with such a cache, written when a command exits. A file's cache is made again, once,
// by each command that has not contributed to it yet, so it grows to hold what every command used.
import type * as NodeFs from 'node:fs'
import type * as NodeVm from 'node:vm'
import { basename, dirname, join, sep } from 'node:path'

/** After this many commands a file's cache is kept as it is: stray arguments must not rewrite it forever. */
export const maxCommandsPerFile = 32

/** What a cache file says about itself, ahead of V8's data. */
export interface CacheHeader {
  /** The commands whose runs the data holds the functions of. */
  commands: string[]
}

/** A cache file: a 4-byte little-endian header length, the header as JSON, then V8's data. */
export function encodeCacheFile(header: CacheHeader, data: Buffer): Buffer {
  const json = Buffer.from(JSON.stringify(header), 'utf8')
  const length = Buffer.alloc(4)
  length.writeUInt32LE(json.length)
  return Buffer.concat([length, json, data])
}

/** The header and V8's data of a cache file; undefined when the file is not one (cut short, or foreign). */
export function decodeCacheFile(file: Buffer): { header: CacheHeader; data: Buffer } | undefined {
  if (file.length < 4) return undefined
  const length = file.readUInt32LE(0)
  if (4 + length > file.length) return undefined
  try {
    const header: unknown = JSON.parse(file.subarray(4, 4 + length).toString('utf8'))
    if (!isHeader(header)) return undefined
    return { header, data: file.subarray(4 + length) }
  } catch {
    return undefined
  }
}

function isHeader(value: unknown): value is CacheHeader {
  return (
    typeof value === 'object' &&
    value !== null &&
    Array.isArray((value as CacheHeader).commands) &&
    (value as CacheHeader).commands.every((command) => typeof command === 'string')
  )
}

/**
 * The commands a file's cache should be saved with after this run, or null to leave it: a missing or
 * rejected cache starts over with this command; an accepted one grows by this command until it holds
 * maxCommandsPerFile of them.
 */
export function commandsToSave(
  cached: { accepted: boolean; commands: readonly string[] } | undefined,
  command: string,
): string[] | null {
  if (!cached || !cached.accepted) return [command]
  if (cached.commands.includes(command)) return null
  if (cached.commands.length >= maxCommandsPerFile) return null
  return [...cached.commands, command]
}

/** Flags that take a command down another path than its work: a run with one adds other functions. */
const pathFlags = ['--dry-run', '--help', '-h']

/**
 * The command a run's cache is saved for: up to two leading words that are not flags (`stats aggregate`,
 * `track`), and a flag that sends it down another path (`stats aggregate --dry-run`): a dry run first
 * must not stand for the run that sends. It only decides when a file's cache is made again; nothing
 * depends on it being exact.
 */
export function commandKey(argv: readonly string[]): string {
  const words: string[] = []
  for (const arg of argv) {
    if (arg.startsWith('-') || words.length === 2) break
    words.push(arg)
  }
  const flag = pathFlags.find((name) => argv.includes(name))
  return [...words, ...(flag ? [flag] : [])].join(' ')
}

/**
 * What a run contributed, by how it ended: a run that failed (a usage error, a server that refused)
 * stopped early, so it does not stand for the command's successful run, which still adds its functions.
 */
export function runKey(command: string, exitCode: number): string {
  return exitCode === 0 ? command : `${command} (exit ${exitCode})`
}

/** The part of Node's CommonJS Module this loader uses; Node's own in the CLI, a stand-in in tests. */
export interface ModuleClass {
  wrap(source: string): string
  prototype: { _compile(content: string, filename: string): unknown }
  _resolveFilename(request: string, parent: unknown, isMain: boolean, options?: unknown): string
  _cache: Record<string, unknown>
}

interface LoadedModule {
  exports: unknown
  require(id: string): unknown
}

export interface CodeCacheOptions {
  /** Files under this folder (the CLI's build) are compiled with the cache; every other file as Node does. */
  root: string
  /** Where the cache files go; made 0700 when a cache is first written. */
  dir: string
  /** commandKey() of this run. */
  command: string
  Module: ModuleClass
  vm: Pick<typeof NodeVm, 'Script' | 'constants'>
  fs: Pick<
    typeof NodeFs,
    'readFileSync' | 'writeFileSync' | 'renameSync' | 'mkdirSync' | 'rmSync' | 'readdirSync'
  >
  /** The name of a file's cache: it changes whenever the file's code does, so a changed file misses. */
  cacheName(filename: string, content: string): string
  /**
   * Whether the cache `written` takes the place of the cache `other` (the same file of an older build):
   * that one is deleted once this one is written, so upgrades do not pile caches up.
   */
  supersedes?(written: string, other: string): boolean
  /** Called once, at exit, to write what this run made; the CLI passes process.once('exit'). */
  onExit(write: (exitCode: number) => void): void
}

/**
 * Compiles the files under options.root with their cache from options.dir, and writes at exit the caches
 * this run made or grew. Never fails a command: an unreadable, foreign or rejected cache is compiled
 * without; a cache that cannot be written is left unwritten.
 */
export function installCodeCache(options: CodeCacheOptions): void {
  const { Module, vm, fs, root } = options
  const inRoot = root.endsWith(sep) ? root : root + sep
  const compiled: Array<{
    path: string
    cached: { accepted: boolean; commands: readonly string[] } | undefined
    script: NodeVm.Script
  }> = []
  const compile = Module.prototype._compile

  Module.prototype._compile = function (this: LoadedModule, content: string, filename: string) {
    if (!filename.startsWith(inRoot)) return compile.call(this, content, filename)
    // A shebang is no JavaScript inside the wrapper Node puts around a module.
    const source = content.startsWith('#!') ? content.replace(/^#!.*/, '') : content
    const path = join(options.dir, options.cacheName(filename, content))
    const cached = readCache(fs, path)
    const script = new vm.Script(Module.wrap(source), {
      filename,
      ...(cached ? { cachedData: cached.data } : {}),
      // The build requires what it loads on demand (dynamicImportInCjs: false, checked by a test); an
      // import() that still came would resolve as Node resolves it, with Node's experimental warning.
      importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
    })
    compiled.push({
      path,
      cached: cached && { accepted: !script.cachedDataRejected, commands: cached.header.commands },
      script,
    })
    const wrapper = script.runInThisContext({ displayErrors: true }) as (
      this: unknown,
      exports: unknown,
      require: NodeJS.Require,
      module: LoadedModule,
      filename: string,
      dirname: string,
    ) => unknown
    return wrapper.call(
      this.exports,
      this.exports,
      requireFor(Module, this),
      this,
      filename,
      dirname(filename),
    )
  }

  options.onExit((exitCode) => {
    const key = runKey(options.command, exitCode)
    for (const { path, cached, script } of compiled) {
      const commands = commandsToSave(cached, key)
      if (commands) writeCache(options, path, commands, script)
    }
  })
}

function readCache(
  fs: CodeCacheOptions['fs'],
  path: string,
): { header: CacheHeader; data: Buffer } | undefined {
  try {
    return decodeCacheFile(fs.readFileSync(path))
  } catch {
    return undefined
  }
}

/** Written whole or not at all: a temporary file renamed over the cache, so a reader never sees half. */
function writeCache(
  options: CodeCacheOptions,
  path: string,
  commands: string[],
  script: NodeVm.Script,
): void {
  const temporary = `${path}.${process.pid}.tmp`
  try {
    options.fs.mkdirSync(options.dir, { recursive: true, mode: 0o700 })
    options.fs.writeFileSync(temporary, encodeCacheFile({ commands }, script.createCachedData()), {
      mode: 0o600,
    })
    options.fs.renameSync(temporary, path)
    removeSuperseded(options, basename(path))
  } catch {
    try {
      options.fs.rmSync(temporary, { force: true })
    } catch {
      // Nothing was left, or nothing can be removed here: the next run compiles without, as this one could.
    }
  }
}

function removeSuperseded(options: CodeCacheOptions, written: string): void {
  const { supersedes } = options
  if (!supersedes) return
  for (const other of options.fs.readdirSync(options.dir))
    if (other !== written && supersedes(written, other))
      options.fs.rmSync(join(options.dir, other), { force: true })
}

/** The `require` a module's code is handed, as Node makes it. */
function requireFor(Module: ModuleClass, module: LoadedModule): NodeJS.Require {
  const require = ((id: string) => module.require(id)) as NodeJS.Require
  require.resolve = ((request: string, options?: { paths?: string[] }) =>
    Module._resolveFilename(request, module, false, options)) as NodeJS.RequireResolve
  require.cache = Module._cache as NodeJS.Require['cache']
  return require
}
