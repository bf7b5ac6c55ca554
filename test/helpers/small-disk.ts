// A small disk that fills up, for tests of what the CLI says and leaves behind when writes fail with
// ENOSPC: a tmpfs mounted in a private mount namespace (nothing changes for the rest of the machine),
// kept alive by a sleeping process the CLI joins with nsenter. Null where mounts cannot be made (not root,
// no CAP_SYS_ADMIN, not Linux).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import type { RunOptions } from './spawn-cli'

export interface SmallDisk {
  /** The mount point; the config folder goes inside it. */
  dir: string
  /** For runCli: the CLI runs inside the namespace that sees the tmpfs. */
  options: RunOptions
  /** Fills the disk so that exactly `pages` pages (4 KiB) stay free. */
  fill(pages: number): void
  /** Frees what fill() took. */
  free(): void
  /** Runs a shell command inside the namespace (to look at the disk's files). */
  sh(script: string): string
  close(): Promise<void>
}

const pageBytes = 4096

export async function smallDisk(sizeKb = 512): Promise<SmallDisk | null> {
  if (process.platform !== 'linux' || process.getuid?.() !== 0) return null
  const dir = mkdtempSync(join(tmpdir(), 'plausible-disk-'))
  const script = `mount -t tmpfs -o size=${sizeKb}k,mode=0700 tmpfs "$0" && echo ready && exec sleep 3600`
  const holder: ChildProcess = spawn('unshare', ['-m', 'sh', '-c', script, dir], {
    stdio: ['ignore', 'pipe', 'ignore'],
  })
  const isReady = await new Promise<boolean>((resolve) => {
    createInterface({ input: holder.stdout! }).once('line', (line) => resolve(line === 'ready'))
    holder.once('exit', () => resolve(false))
  })
  if (!isReady || holder.pid === undefined) return null
  const enter = ['nsenter', '-t', String(holder.pid), '-m']
  const sh = (command: string): string => {
    const result = spawnSync(enter[0]!, [...enter.slice(1), 'sh', '-c', command], { encoding: 'utf8' })
    if (result.status !== 0) throw new Error(`${command}: ${result.stderr}`)
    return result.stdout
  }
  const filler = join(dir, '.filler')
  return {
    dir,
    options: { wrapper: enter },
    sh,
    fill(pages) {
      // Everything the disk has, then back down to leave `pages` free (tmpfs frees a truncated page).
      sh(`rm -f "${filler}"; dd if=/dev/zero of="${filler}" bs=${pageBytes} 2>/dev/null; true`)
      if (pages > 0) sh(`truncate -s -${pages * pageBytes} "${filler}"`)
    },
    free() {
      sh(`rm -f "${filler}"`)
    },
    async close() {
      if (holder.exitCode === null) {
        const exited = new Promise((resolve) => holder.once('exit', resolve))
        holder.kill('SIGKILL')
        await exited
      }
    },
  }
}
