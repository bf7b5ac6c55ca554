// Runs documented command lines as a user types them: through bash (with pipefail, so the first
// command of a pipe counts too), with a `plausible` on the PATH that starts the built CLI, so quotes,
// pipes and redirections (`| plausible events send --stdin`, `> accounts.json`) work as written in the
// README and llms.txt.
import { spawn, type ChildProcess } from 'node:child_process'
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { cliEnv, cliPath, type CliResult } from './spawn-cli'

/** A folder holding a `plausible` script that runs out/main/cli.js on this Node. */
export function plausibleOnPath(): string {
  const bin = mkdtempSync(join(tmpdir(), 'plausible-bin-'))
  const script = join(bin, 'plausible')
  writeFileSync(
    script,
    `#!/bin/sh\nexec ${JSON.stringify(process.execPath)} ${JSON.stringify(cliPath)} "$@"\n`,
  )
  chmodSync(script, 0o755)
  return bin
}

export interface ShellOptions {
  /** The folder from plausibleOnPath(). */
  bin: string
  /** The working folder: files the line names (query.json, events.ndjson) are read from here. */
  cwd: string
  env?: Record<string, string>
  /** Kill the shell's process group after this long; the result then has code null. */
  timeoutMs?: number
}

function shellEnv(options: ShellOptions): NodeJS.ProcessEnv {
  const env = cliEnv(options.env)
  return { ...env, PATH: `${options.bin}:${env.PATH ?? ''}` }
}

/** Runs one line with bash (stdin empty) and resolves with its exit code and output. */
export function runShell(line: string, options: ShellOptions): Promise<CliResult> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn('bash', ['-o', 'pipefail', '-c', line], {
      cwd: options.cwd,
      env: shellEnv(options),
      stdio: ['pipe', 'pipe', 'pipe'],
      detached: true,
    })
    let stdout = ''
    let stderr = ''
    const timer =
      options.timeoutMs === undefined ? undefined : setTimeout(() => killGroup(child), options.timeoutMs)
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    child.on('error', reject)
    child.on('close', (code) => {
      clearTimeout(timer)
      resolvePromise({ code, stdout, stderr })
    })
    child.stdin.end()
  })
}

/**
 * Starts a line that serves until stopped (sandbox, ui), resolves once its output matches `ready`,
 * and stops its whole process group on stop().
 */
export function startShell(
  line: string,
  ready: RegExp,
  options: ShellOptions & { timeoutMs: number },
): Promise<{ output: string; stop(): Promise<number | null> }> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn('bash', ['-o', 'pipefail', '-c', line], {
      cwd: options.cwd,
      env: shellEnv(options),
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    })
    let output = ''
    let isReady = false
    const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)))
    const timer = setTimeout(() => {
      killGroup(child)
      reject(
        new Error(`\`${line}\` printed nothing matching ${ready} within ${options.timeoutMs} ms: ${output}`),
      )
    }, options.timeoutMs)
    const onData = (chunk: Buffer): void => {
      output += chunk.toString()
      if (isReady || !ready.test(output)) return
      isReady = true
      clearTimeout(timer)
      resolvePromise({
        output,
        stop: async () => {
          if (child.exitCode === null && child.signalCode === null) killGroup(child)
          return exited
        },
      })
    }
    child.stdout.on('data', onData)
    child.stderr.on('data', onData)
    child.on('error', reject)
    void exited.then((code) => {
      if (isReady) return
      clearTimeout(timer)
      reject(new Error(`\`${line}\` exited with ${code} before it was ready: ${output}`))
    })
  })
}

/** SIGTERM to the shell and every process it started (they share the group `detached` gave it). */
function killGroup(child: ChildProcess): void {
  if (child.pid === undefined) return
  try {
    process.kill(-child.pid, 'SIGTERM')
  } catch {
    // The group is already gone.
  }
}
