// A throwaway copy of this checkout as a fresh clone would have it (tracked and untracked-but-not-ignored
// files: no node_modules, no out/), and the README's commands run in it as a newcomer types them.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process'
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'

export const repoRoot = resolve(__dirname, '../..')

/** Copies the working tree's files (what `git status` would put in a commit) into a new folder. */
export function copyCheckout(): string {
  const target = mkdtempSync(join(tmpdir(), 'plausible-checkout-'))
  const listed = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
    cwd: repoRoot,
  })
  for (const file of listed.toString().split('\0').filter(Boolean)) {
    mkdirSync(dirname(join(target, file)), { recursive: true })
    try {
      copyFileSync(join(repoRoot, file), join(target, file))
    } catch (error) {
      // A file deleted in the working tree but still in the index: a clone of the commit-to-be lacks it too.
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
    }
  }
  return target
}

/** The README's first lines: the commands a newcomer copies, in order. */
export function readmeFirstCommands(): string[] {
  const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8')
  const block = /```sh\n([\s\S]*?)```/.exec(readme)?.[1] ?? ''
  return block
    .split('\n')
    .map((line) => line.replace(/#.*$/, '').trim())
    .filter(Boolean)
}

/**
 * Runs a shell command line in its own process group, as a terminal runs a foreground job, so that a
 * signal can be sent to the whole group the way Ctrl-C does. Like an interactive shell, the shell itself
 * outlives Ctrl-C (a trap with a command, which its children do not inherit) and exits with the
 * command's status, which is what the person then sees in `$?`.
 */
export function spawnInGroup(
  commandLine: string,
  cwd: string,
  env: NodeJS.ProcessEnv,
): {
  child: ChildProcess
  output: () => string
  waitFor(pattern: RegExp, timeoutMs: number): Promise<string>
} {
  const child = spawn('bash', ['-c', `trap : INT; ${commandLine}`], {
    cwd,
    env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  const listeners = new Set<() => void>()
  const append = (chunk: Buffer): void => {
    output += chunk.toString()
    for (const listener of listeners) listener()
  }
  child.stdout?.on('data', append)
  child.stderr?.on('data', append)
  return {
    child,
    output: () => output,
    waitFor: (pattern, timeoutMs) =>
      new Promise((resolvePromise, reject) => {
        const check = (): void => {
          const match = pattern.exec(output)
          if (!match) return
          done()
          resolvePromise(match[0])
        }
        const onExit = (code: number | null): void => {
          done()
          reject(new Error(`exited with ${code} before printing ${pattern}; output:\n${output.slice(-3000)}`))
        }
        const timer = setTimeout(() => {
          done()
          reject(new Error(`nothing matched ${pattern} in ${timeoutMs} ms; output:\n${output.slice(-3000)}`))
        }, timeoutMs)
        const done = (): void => {
          clearTimeout(timer)
          listeners.delete(check)
          child.off('exit', onExit)
        }
        listeners.add(check)
        child.once('exit', onExit)
        check()
      }),
  }
}

/** The processes still alive in a process group (`ps` lists them by group id). */
export function processesInGroup(groupId: number): string[] {
  const table = execFileSync('ps', ['-eo', 'pgid=,pid=,args='], { encoding: 'utf8' })
  return table
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.split(/\s+/)[0] === String(groupId))
}

/** The PATH this test runs under, so the copy uses the same Node (22) and npm. */
export function pathWithThisNode(): string {
  return `${dirname(process.execPath)}:${process.env.PATH ?? ''}`
}
