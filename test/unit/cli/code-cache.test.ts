import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import * as fs from 'node:fs'
import Module from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as vm from 'node:vm'
import { describe, expect, it } from 'vitest'
import {
  commandKey,
  runKey,
  commandsToSave,
  decodeCacheFile,
  encodeCacheFile,
  installCodeCache,
  maxCommandsPerFile,
  type ModuleClass,
} from '../../../src/cli/code-cache'
import { cacheFileName, supersedesCache } from '../../../src/cli/code-cache-setup'

describe('the cache file', () => {
  it('reads back the header and the data it was written with', () => {
    const data = Buffer.from([1, 2, 3, 250])
    const decoded = decodeCacheFile(encodeCacheFile({ commands: ['stats aggregate', 'status'] }, data))
    expect(decoded?.header).toEqual({ commands: ['stats aggregate', 'status'] })
    expect([...(decoded?.data ?? [])]).toEqual([1, 2, 3, 250])
  })

  it('is not one when cut short, foreign or with a header of another shape', () => {
    const whole = encodeCacheFile({ commands: ['status'] }, Buffer.from('data'))
    expect(decodeCacheFile(Buffer.alloc(3))).toBeUndefined()
    // The header's length points one byte past the end: cut inside the header.
    const headerLength = whole.readUInt32LE(0)
    expect(decodeCacheFile(whole.subarray(0, 4 + headerLength - 1))).toBeUndefined()
    // Cut right after the header: a header and no data is still a file (V8 rejects the empty data).
    expect(decodeCacheFile(whole.subarray(0, 4 + headerLength))?.data.length).toBe(0)
    expect(decodeCacheFile(Buffer.from('\u0000\u0000\u0000\u0000garbage'))).toBeUndefined()
    expect(decodeCacheFile(encodeCacheFile({ commands: [1] } as never, Buffer.alloc(1)))).toBeUndefined()
  })
})

describe('commandsToSave', () => {
  it('starts over with this command when there is no cache, or V8 rejected it', () => {
    expect(commandsToSave(undefined, 'status')).toEqual(['status'])
    expect(commandsToSave({ accepted: false, commands: ['status', 'doctor'] }, 'status')).toEqual(['status'])
  })

  it('leaves a cache this command already contributed to', () => {
    expect(commandsToSave({ accepted: true, commands: ['doctor', 'status'] }, 'status')).toBeNull()
  })

  it(`grows a cache by a new command up to ${maxCommandsPerFile} commands, then leaves it`, () => {
    const names = (n: number) => Array.from({ length: n }, (_, i) => `command ${i}`)
    expect(commandsToSave({ accepted: true, commands: names(maxCommandsPerFile - 1) }, 'new')).toEqual([
      ...names(maxCommandsPerFile - 1),
      'new',
    ])
    expect(commandsToSave({ accepted: true, commands: names(maxCommandsPerFile) }, 'new')).toBeNull()
  })
})

describe('commandKey', () => {
  it('is up to two leading words before the first flag', () => {
    expect(commandKey(['stats', 'aggregate', '--site', 'a.example', 'extra'])).toBe('stats aggregate')
    expect(commandKey(['stats', 'aggregate', 'extra'])).toBe('stats aggregate')
    expect(commandKey(['status', '--json'])).toBe('status')
    expect(commandKey(['--json', 'status'])).toBe('')
    expect(commandKey([])).toBe('')
  })

  it('adds a flag that sends the command down another path: a dry run or help is not the run that works', () => {
    expect(commandKey(['stats', 'aggregate', '--site', 'a.example', '--dry-run'])).toBe(
      'stats aggregate --dry-run',
    )
    expect(commandKey(['stats', 'aggregate', '--help'])).toBe('stats aggregate --help')
    expect(commandKey(['stats', '-h'])).toBe('stats -h')
    expect(commandKey(['stats', 'aggregate', '--dry-run-x'])).toBe('stats aggregate')
  })
})

describe('runKey', () => {
  it('is the command for a run that succeeded, and names the exit code of one that did not', () => {
    expect(runKey('stats aggregate', 0)).toBe('stats aggregate')
    expect(runKey('stats aggregate', 1)).toBe('stats aggregate (exit 1)')
    expect(runKey('stats aggregate', 2)).toBe('stats aggregate (exit 2)')
  })
})

/** A stand-in for Node's Module: its own prototype, so the test process's loader stays as it is. */
function fakeModuleClass(): ModuleClass & { compiledByNode: string[] } {
  const compiledByNode: string[] = []
  return {
    compiledByNode,
    wrap: (source) => (Module as unknown as ModuleClass).wrap(source),
    _resolveFilename: (request) => request,
    _cache: {},
    prototype: {
      _compile(_content: string, filename: string) {
        compiledByNode.push(filename)
        return undefined
      },
    },
  }
}

interface Loaded {
  exports: unknown
  required: string[]
  require(id: string): unknown
}

/** One CLI run: a loader installed on a fresh Module, files compiled through it, then the exit. */
function run(options: {
  root: string
  dir: string
  command: string
  files: Record<string, string>
  supersedes?: (written: string, other: string) => boolean
  exitCode?: number
}) {
  const ModuleClass = fakeModuleClass()
  let atExit: (exitCode: number) => void = () => undefined
  const written: string[] = []
  installCodeCache({
    root: options.root,
    dir: options.dir,
    command: options.command,
    Module: ModuleClass,
    vm,
    fs: {
      ...fs,
      writeFileSync: (...args: Parameters<typeof fs.writeFileSync>) => {
        written.push(String(args[0]))
        fs.writeFileSync(...args)
      },
    },
    cacheName: (filename, content) => `${filename.replaceAll('/', '_')}-${content.length}`,
    onExit: (write) => (atExit = write),
    ...(options.supersedes ? { supersedes: options.supersedes } : {}),
  })
  const exports: Record<string, unknown> = {}
  for (const [filename, content] of Object.entries(options.files)) {
    const module: Loaded = {
      exports: {},
      required: [],
      require(id: string) {
        this.required.push(id)
        return `required ${id}`
      },
    }
    // A fresh process compiles each file anew; in this one V8 would reuse the last compile of the same
    // source and never look at the cache. A comment of the same length each run keeps the cache's name.
    const unique = `${content}\n// ${String(Math.random()).slice(2, 12).padEnd(10, '0')}`
    ModuleClass.prototype._compile.call(module, unique, filename)
    exports[filename] = module.exports
  }
  atExit(options.exitCode ?? 0)
  return { exports, compiledByNode: ModuleClass.compiledByNode, written }
}

function setUp() {
  const base = mkdtempSync(join(tmpdir(), 'plausible-code-cache-'))
  const root = join(base, 'out', 'main')
  return { root, dir: join(base, 'cache'), file: join(root, 'chunks', 'core.js') }
}

const source = 'module.exports = { twice: (n) => n * 2, answer: [1, 2, 3].map((n) => n * 14).pop() }'

describe('installCodeCache', () => {
  it('runs a file of the build as Node would, and writes its cache at exit with the command', () => {
    const { root, dir, file } = setUp()
    const { exports } = run({ root, dir, command: 'stats aggregate', files: { [file]: source } })
    expect((exports[file] as { answer: number }).answer).toBe(42)
    const [name] = readdirSync(dir)
    const decoded = decodeCacheFile(readFileSync(join(dir, name!)))
    expect(decoded?.header).toEqual({ commands: ['stats aggregate'] })
    expect(decoded!.data.length).toBeGreaterThan(0)
    expect(statSync(dir).mode & 0o777).toBe(0o700)
    expect(statSync(join(dir, name!)).mode & 0o777).toBe(0o600)
  })

  it('reads the cache back on the next run of the same command, and leaves the file as it is', () => {
    const { root, dir, file } = setUp()
    run({ root, dir, command: 'status', files: { [file]: source } })
    const [name] = readdirSync(dir)
    const before = readFileSync(join(dir, name!))
    const { exports, written } = run({ root, dir, command: 'status', files: { [file]: source } })
    expect((exports[file] as { twice(n: number): number }).twice(21)).toBe(42)
    expect(written).toEqual([])
    expect(readFileSync(join(dir, name!)).equals(before)).toBe(true)
    expect(readdirSync(dir)).toEqual([name])
  })

  it('makes the cache again for a command that has not contributed yet, keeping the earlier ones', () => {
    const { root, dir, file } = setUp()
    run({ root, dir, command: 'status', files: { [file]: source } })
    run({ root, dir, command: 'doctor', files: { [file]: source } })
    const [name] = readdirSync(dir)
    expect(decodeCacheFile(readFileSync(join(dir, name!)))?.header).toEqual({
      commands: ['status', 'doctor'],
    })
  })

  it('lets a successful run add to what a failed run of the same command wrote, and a failed run once', () => {
    const { root, dir, file } = setUp()
    run({ root, dir, command: 'stats aggregate', files: { [file]: source }, exitCode: 1 })
    const again = run({ root, dir, command: 'stats aggregate', files: { [file]: source }, exitCode: 1 })
    expect(again.written).toEqual([])
    const succeeded = run({ root, dir, command: 'stats aggregate', files: { [file]: source } })
    expect(succeeded.written).toHaveLength(1)
    const [name] = readdirSync(dir)
    expect(decodeCacheFile(readFileSync(join(dir, name!)))?.header).toEqual({
      commands: ['stats aggregate (exit 1)', 'stats aggregate'],
    })
    expect(run({ root, dir, command: 'stats aggregate', files: { [file]: source } }).written).toEqual([])
  })

  it('hands the code its require, and resolves import() as Node would', async () => {
    const { root, dir, file } = setUp()
    const { exports } = run({
      root,
      dir,
      command: 'status',
      files: { [file]: "module.exports = { dep: require('./dep.js'), path: import('node:path') }" },
    })
    const loaded = exports[file] as { dep: string; path: Promise<{ sep: string }> }
    expect(loaded.dep).toBe('required ./dep.js')
    expect((await loaded.path).sep).toBe('/')
  })

  it('compiles a file starting with a shebang (the entry of the executable)', () => {
    const { root, dir } = setUp()
    const entry = join(root, 'cli.js')
    const { exports } = run({
      root,
      dir,
      command: '',
      files: { [entry]: '#!/usr/bin/env node\nmodule.exports = 7' },
    })
    expect(exports[entry]).toBe(7)
  })

  it('leaves files outside the build to Node, and writes no cache for them', () => {
    const { root, dir } = setUp()
    const outside = join(root, '..', 'elsewhere.js')
    const sibling = `${root}-other/x.js`
    const { compiledByNode } = run({
      root,
      dir,
      command: 'status',
      files: { [outside]: source, [sibling]: source },
    })
    expect(compiledByNode).toEqual([outside, sibling])
    expect(() => readdirSync(dir)).toThrow(/ENOENT/)
  })

  it('compiles without a cache V8 rejects (another V8, or garbage), and writes a good one in its place', () => {
    const { root, dir, file } = setUp()
    run({ root, dir, command: 'status', files: { [file]: source } })
    const [name] = readdirSync(dir)
    writeFileSync(
      join(dir, name!),
      encodeCacheFile({ commands: ['status', 'doctor'] }, Buffer.from('not V8 data')),
    )
    const { exports } = run({ root, dir, command: 'status', files: { [file]: source } })
    expect((exports[file] as { answer: number }).answer).toBe(42)
    const rewritten = decodeCacheFile(readFileSync(join(dir, name!)))
    expect(rewritten?.header).toEqual({ commands: ['status'] })
    expect(rewritten!.data.toString()).not.toBe('not V8 data')
  })

  it('never fails the command when the cache cannot be written, and leaves no temporary file', () => {
    const { root, dir, file } = setUp()
    fs.mkdirSync(join(dir, '..'), { recursive: true })
    writeFileSync(dir, 'a file where the folder should be')
    const { exports } = run({ root, dir, command: 'status', files: { [file]: source } })
    expect((exports[file] as { answer: number }).answer).toBe(42)
    expect(readdirSync(join(dir, '..'))).toEqual(['cache'])
  })

  it('removes its temporary file when the cache cannot take its place', () => {
    const { root, dir, file } = setUp()
    run({ root, dir, command: 'status', files: { [file]: source } })
    const [name] = readdirSync(dir)
    // A folder (not empty) where the cache file was: the rename over it fails.
    fs.rmSync(join(dir, name!))
    fs.mkdirSync(join(dir, name!, 'inside'), { recursive: true })
    const { exports } = run({ root, dir, command: 'status', files: { [file]: source } })
    expect((exports[file] as { answer: number }).answer).toBe(42)
    expect(readdirSync(dir)).toEqual([name])
  })
})

describe('cacheFileName', () => {
  it("names a chunk's cache by its name (which holds its content's hash) and its length", () => {
    const code = 'module.exports = 1'
    expect(cacheFileName('/opt/plausible/out/main/chunks/core-PBiw9ELV.js', code)).toBe(
      `core-PBiw9ELV.js.${code.length.toString(36)}`,
    )
    expect(cacheFileName('/x/chunks/core-PBiw9ELV.js', `${code};`)).not.toBe(
      cacheFileName('/x/chunks/core-PBiw9ELV.js', code),
    )
  })

  it('names any other file by a digest of its path and content: one changed character misses', () => {
    const a = cacheFileName('/x/out/main/cli.js', 'module.exports = 1')
    expect(a).toMatch(/^[0-9a-f]{40}$/)
    expect(cacheFileName('/x/out/main/cli.js', 'module.exports = 2')).not.toBe(a)
    expect(cacheFileName('/y/out/main/cli.js', 'module.exports = 1')).not.toBe(a)
    // Seven characters after the dash is no bundler's hash.
    expect(cacheFileName('/x/chunks/core-PBiw9EL.js', 'x')).toMatch(/^[0-9a-f]{40}$/)
  })
})

describe('supersedesCache', () => {
  it("matches another build's cache of the same chunk, and nothing else", () => {
    expect(supersedesCache('core-BS0DMQeQ.js.3b6f', 'core-Vh7hhiSD.js.3a4v')).toBe(true)
    expect(supersedesCache('core-BS0DMQeQ.js.3b6f', 'core-BS0DMQeQ.js.3a4v')).toBe(true)
    // A hash may hold a dash: the stem is what comes before the last eight characters.
    expect(supersedesCache('core-y-yio0Ys.js.3b6f', 'core-BS0DMQeQ.js.3a4v')).toBe(true)
    expect(supersedesCache('json-schema-processors-DGdtUewR.js.37cl', 'schemas-BfBLYAN4.js.1a')).toBe(false)
    expect(supersedesCache('schemas-BfBLYAN4.js.1a', 'json-schema-processors-DGdtUewR.js.37cl')).toBe(false)
    // A temporary file another process is writing, and a digest-named cache, are never taken.
    expect(supersedesCache('core-BS0DMQeQ.js.3b6f', 'core-Vh7hhiSD.js.3a4v.4242.tmp')).toBe(false)
    expect(supersedesCache('0123456789abcdef0123456789abcdef01234567', 'core-BS0DMQeQ.js.3b6f')).toBe(false)
  })

  it('lets a new cache remove what it supersedes when written, and only that', () => {
    const { root, dir, file } = setUp()
    fs.mkdirSync(dir, { recursive: true })
    writeFileSync(join(dir, 'old-build-of-core'), 'stale')
    writeFileSync(join(dir, 'another-chunk'), 'kept')
    run({
      root,
      dir,
      command: 'status',
      files: { [file]: source },
      supersedes: (_written, other) => other === 'old-build-of-core',
    })
    const left = readdirSync(dir)
    expect(left).toContain('another-chunk')
    expect(left).not.toContain('old-build-of-core')
    expect(left.filter((name) => name.includes('core.js'))).toHaveLength(1)
  })
})
