// A require of a chunk the build emits is written with a placeholder, since chunks have no file names
// until they are rendered; renderChunk then puts in the path from the requiring chunk to the emitted one.
import { dirname, posix, relative } from 'node:path'

/** `code` with every quoted `placeholder` replaced by the relative path from `fromFile` to `toFile`; null when it has none. */
export function withChunkPath(
  code: string,
  placeholder: string,
  fromFile: string,
  toFile: string,
): { code: string; map: null } | null {
  const quoted = JSON.stringify(placeholder)
  if (!code.includes(quoted)) return null
  const target = relative(dirname(fromFile), toFile).split('\\').join(posix.sep)
  const path = target.startsWith('.') ? target : `./${target}`
  return { code: code.replaceAll(quoted, JSON.stringify(path)), map: null }
}
