// A Node module loaded where it is first used rather than where the file that names it loads: node:crypto
// costs about 3 ms to load, which a command that never hashes (--help, completion) should not pay.
import { createRequire } from 'node:module'
import { join } from 'node:path'

/** `process.getBuiltinModule` (Node ≥ 22.3), or a require of it where there is none (an older Electron). */
export function builtinModule<T>(name: `node:${string}`): T {
  return (process.getBuiltinModule?.(name) ?? createRequire(join(process.cwd(), 'builtin.js'))(name)) as T
}

/** node:crypto, loaded at the first call: ids and random bytes for the few paths that need them. */
export function nodeCrypto(): typeof import('node:crypto') {
  return builtinModule<typeof import('node:crypto')>('node:crypto')
}
