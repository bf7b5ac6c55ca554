// Runs a TypeScript fixture of test/fixtures in a Node process of its own: bundled from src by rolldown
// (Vite's bundler, already installed) into node_modules/.cache, so its packages resolve from the
// project's node_modules as the built app's do. For tests that watch a process from outside (memory).
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdirSync, rmSync } from 'node:fs'
import { basename, isAbsolute, join, resolve } from 'node:path'
import { createInterface, type Interface } from 'node:readline'
import { build } from 'rolldown'

const root = resolve(__dirname, '../..')
const cacheDir = join(root, 'node_modules', '.cache', 'plausible-test-fixtures')

export interface FixtureProcess {
  child: ChildProcess
  /** The next line it prints, parsed as JSON. */
  nextLine<T>(): Promise<T>
  stop(): Promise<void>
}

/** Bundles `test/fixtures/<name>.ts` (once per test process) and returns the file to run. */
async function bundle(name: string): Promise<string> {
  mkdirSync(cacheDir, { recursive: true })
  const file = join(cacheDir, `${basename(name)}-${process.pid}.mjs`)
  await build({
    input: join(root, 'test', 'fixtures', `${name}.ts`),
    platform: 'node',
    // Packages stay imports: resolved from node_modules at run time, as in out/main.
    external: (id) => !id.startsWith('.') && !isAbsolute(id),
    logLevel: 'silent',
    // One file, the core's lazily loaded modules inlined: a fixture is run as that one file.
    output: { file, format: 'esm', codeSplitting: false },
  })
  return file
}

export async function startFixture(
  name: string,
  args: string[],
  nodeOptions: string[] = [],
): Promise<FixtureProcess> {
  const file = await bundle(name)
  const child = spawn(process.execPath, [...nodeOptions, file, ...args], {
    stdio: ['pipe', 'pipe', 'pipe'],
  })
  let stderr = ''
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  const lines: Interface = createInterface({ input: child.stdout! })
  const waiting: Array<{ resolve: (line: string) => void; reject: (error: Error) => void }> = []
  const ready: string[] = []
  lines.on('line', (line) => {
    const waiter = waiting.shift()
    if (waiter) waiter.resolve(line)
    else ready.push(line)
  })
  child.on('exit', (code) => {
    for (const waiter of waiting.splice(0))
      waiter.reject(new Error(`fixture ${name} exited with ${code}: ${stderr}`))
  })
  return {
    child,
    nextLine: <T>() =>
      new Promise<T>((resolveLine, reject) => {
        const take = (line: string): void => resolveLine(JSON.parse(line) as T)
        const line = ready.shift()
        if (line !== undefined) take(line)
        else if (child.exitCode !== null) reject(new Error(`fixture ${name} has exited: ${stderr}`))
        else waiting.push({ resolve: take, reject })
      }),
    stop: () =>
      new Promise<void>((done) => {
        const finish = (): void => {
          rmSync(file, { force: true })
          done()
        }
        if (child.exitCode !== null || child.signalCode !== null) return finish()
        child.once('exit', finish)
        child.stdin?.end()
        setTimeout(() => child.kill('SIGKILL'), 5_000).unref()
      }),
  }
}
