// Node's module compile cache (Node ≥ 22.1) keeps V8's compiled code of every module loaded after it is
// turned on — the CLI's chunks, commander, zod — so the next run skips most of the parsing and compiling
// that start-up spends its time on. The cache sits in this user's cache folder, not the shared /tmp that
// Node picks by default: compiled code is only read back from a folder no other user can write.
import { homedir } from 'node:os'
import { join } from 'node:path'
// A named import, a property read (undefined in a Node without it); a namespace import would copy every
// export of node:module into a new object.
import { enableCompileCache as nodeEnableCompileCache } from 'node:module'

/** Where the cache lives: the OS's per-user cache folder, then plausible-desktop/compile-cache. */
export function compileCacheDir(
  env: Record<string, string | undefined>,
  platform: NodeJS.Platform,
  home: string,
): string {
  const cacheRoot =
    platform === 'darwin'
      ? join(home, 'Library', 'Caches')
      : platform === 'win32'
        ? (env.LOCALAPPDATA ?? join(home, 'AppData', 'Local'))
        : (env.XDG_CACHE_HOME ?? join(home, '.cache'))
  return join(cacheRoot, 'plausible-desktop', 'compile-cache')
}

type EnableCompileCache = (directory?: string) => { status: number; message?: string }

/**
 * Turns the cache on; never fails. An older Node (or an app binary whose Node predates it) has no
 * enableCompileCache and runs without; a folder that cannot be made or written only costs speed (Node
 * reports that in the return value, which is ignored); NODE_COMPILE_CACHE and NODE_DISABLE_COMPILE_CACHE
 * keep the meaning Node gives them.
 */
export function enableCompileCache(
  env: Record<string, string | undefined> = process.env,
  enable: EnableCompileCache | undefined = nodeEnableCompileCache as EnableCompileCache | undefined,
): void {
  // NODE_COMPILE_CACHE: Node turned the cache on at start, in the folder the user chose.
  if (typeof enable !== 'function' || env.NODE_COMPILE_CACHE) return
  try {
    enable(compileCacheDir(env, process.platform, homedir()))
  } catch {
    // homedir() without a home, or a Node that throws where 22 returns a status: start without the cache.
  }
}
