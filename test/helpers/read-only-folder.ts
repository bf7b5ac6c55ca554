// A folder that refuses writes even to root, for tests of what the CLI says when it cannot write.
import { spawnSync } from 'node:child_process'
import type { RunOptions } from './spawn-cli'

/**
 * Makes `dir` read-only for the CLI: bind-mounted read-only in a private mount namespace (refuses even
 * root; the CLI runs under the returned wrapper), or a 0500 folder for other users. Null where neither
 * can be arranged (root without CAP_SYS_ADMIN).
 */
export function readOnlyFolder(dir: string): { dir: string; options: RunOptions } | null {
  if (process.getuid?.() !== 0) {
    spawnSync('chmod', ['0500', dir])
    return { dir, options: {} }
  }
  const script = 'mount --bind "$0" "$0" && mount -o remount,bind,ro "$0" && exec "$@"'
  const probe = spawnSync('unshare', ['-m', 'sh', '-c', script, dir, 'true'])
  if (probe.status !== 0) return null
  return { dir, options: { wrapper: ['unshare', '-m', 'sh', '-c', script, dir] } }
}
