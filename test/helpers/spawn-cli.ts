// Runs the built CLI (out/main/cli.js) as a real process, with a private config dir per test.
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { createInterface } from 'node:readline'

export const cliPath = resolve(__dirname, '../../out/main/cli.js')

export interface CliResult {
  code: number | null
  stdout: string
  stderr: string
}

export function tempConfigDir(): string {
  return mkdtempSync(join(tmpdir(), 'plausible-cli-'))
}

/** Environment for a child: the parent's PATH and temp dirs, none of its PLAUSIBLE_* settings. */
export function cliEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {}
  for (const [name, value] of Object.entries(process.env))
    if (!name.startsWith('PLAUSIBLE_')) env[name] = value
  return { ...env, NO_COLOR: '1', ...extra }
}

export interface RunOptions {
  /** Kill the child (SIGKILL) after this long and resolve with code null; default: wait for it. */
  timeoutMs?: number
  /** A command the CLI runs under, e.g. `unshare -m sh -c '…'`: the node binary and CLI path follow it. */
  wrapper?: string[]
}

export function runCli(
  args: string[],
  env: Record<string, string> = {},
  stdin?: string,
  options: RunOptions = {},
): Promise<CliResult> {
  return new Promise((resolvePromise, reject) => {
    const [command, ...prefix] = [...(options.wrapper ?? []), process.execPath]
    const child = spawn(command ?? process.execPath, [...prefix, cliPath, ...args], {
      env: cliEnv(env),
      stdio: ['pipe', 'pipe', 'pipe'],
    })
    let stdout = ''
    let stderr = ''
    const timer =
      options.timeoutMs === undefined ? undefined : setTimeout(() => child.kill('SIGKILL'), options.timeoutMs)
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    child.on('error', reject)
    child.on('close', (code) => {
      clearTimeout(timer)
      resolvePromise({ code, stdout, stderr })
    })
    // A command that never reads its stdin may exit before the write lands: that is no failure of the run.
    child.stdin.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE') reject(error)
    })
    child.stdin.end(stdin ?? '')
  })
}

/**
 * Starts a long-running command (sandbox, ui, metrics --serve) and resolves with its first stdout line,
 * parsed as JSON unless `parse` reads it otherwise.
 */
export function startCli<T>(
  args: string[],
  env: Record<string, string> = {},
  parse: (line: string) => T = (line) => JSON.parse(line) as T,
): Promise<{ child: ChildProcess; first: T; stop(): Promise<number | null> }> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [cliPath, ...args], {
      env: cliEnv(env),
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let stderr = ''
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    const lines = createInterface({ input: child.stdout })
    child.on('exit', (code) =>
      reject(new Error(`plausible ${args.join(' ')} exited with ${code} before printing: ${stderr}`)),
    )
    lines.once('line', (line) => {
      const stop = (): Promise<number | null> =>
        new Promise((done) => {
          if (child.exitCode !== null) return done(child.exitCode)
          child.once('exit', (code) => done(code))
          child.kill('SIGTERM')
        })
      resolvePromise({ child, first: parse(line), stop })
    })
  })
}

export interface WatchedCli {
  child: ChildProcess
  /** Everything the child wrote to stdout and stderr so far (a pty merges both into stdout). */
  output(): { stdout: string; stderr: string }
  /** Resolves once `seen` holds for the output, rejects after `timeoutMs` with what was written. */
  until(seen: (output: { stdout: string; stderr: string }) => boolean, timeoutMs?: number): Promise<void>
  /** SIGKILLs the child's whole process group (a wrapper such as `script` and the CLI under it). */
  kill(): Promise<void>
}

/** Starts a command that may not end by itself (it waits for the budget), to read its output as it comes. */
export function watchCli(
  args: string[],
  env: Record<string, string> = {},
  options: RunOptions = {},
): WatchedCli {
  const [command, ...prefix] = [...(options.wrapper ?? []), process.execPath]
  const child = spawn(command ?? process.execPath, [...prefix, cliPath, ...args], {
    env: cliEnv(env),
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  })
  const seen = { stdout: '', stderr: '' }
  const waiters = new Set<() => void>()
  const changed = (): void => waiters.forEach((check) => check())
  child.stdout?.on('data', (chunk: Buffer) => ((seen.stdout += chunk.toString()), changed()))
  child.stderr?.on('data', (chunk: Buffer) => ((seen.stderr += chunk.toString()), changed()))
  const exited = new Promise<void>((done) => child.once('close', () => done()))
  return {
    child,
    output: () => ({ ...seen }),
    until(predicate, timeoutMs = 15_000) {
      return new Promise((resolvePromise, reject) => {
        const timer = setTimeout(() => {
          waiters.delete(check)
          reject(new Error(`not seen within ${timeoutMs} ms; output so far: ${JSON.stringify(seen)}`))
        }, timeoutMs)
        const check = (): void => {
          if (!predicate(seen)) return
          clearTimeout(timer)
          waiters.delete(check)
          resolvePromise()
        }
        waiters.add(check)
        check()
      })
    },
    async kill() {
      if (child.exitCode === null && child.signalCode === null && child.pid !== undefined) {
        try {
          process.kill(-child.pid, 'SIGKILL')
        } catch {
          // Already gone.
        }
      }
      await exited
    },
  }
}

export interface PipedCli {
  /** The child's stdin: write to it as a slow producer would, end it to close the pipe. */
  stdin: NodeJS.WritableStream
  /** Resolves when the child ends, with everything it wrote. */
  result: Promise<CliResult>
}

/** Starts a command whose stdin the test writes to as it goes (`tool | plausible events import -`). */
export function pipeCli(args: string[], env: Record<string, string> = {}): PipedCli {
  const child = spawn(process.execPath, [cliPath, ...args], {
    env: cliEnv(env),
    stdio: ['pipe', 'pipe', 'pipe'],
  })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  const result = new Promise<CliResult>((resolvePromise, reject) => {
    child.on('error', reject)
    child.on('close', (code) => resolvePromise({ code, stdout, stderr }))
  })
  return { stdin: child.stdin, result }
}
