// A file the user named on the command line (an import, --file): read whole as UTF-8, or piece by piece
// for a file that may be larger than memory; either way a USAGE error that names the path and the errno,
// so "Could not read" says which file and why (ENOENT, EACCES, EISDIR).
import { open, readFile } from 'node:fs/promises'
import { PlausibleError } from '../shared/errors'

/** `hint` says what file the command wanted, e.g. 'Give the path of an NDJSON or CSV file of events.' */
export async function readInputFile(path: string, hint: string): Promise<string> {
  try {
    return await readFile(path, 'utf8')
  } catch (error) {
    throw couldNotRead(path, hint, error)
  }
}

/** Bytes read at a time: large enough to cost few reads, small enough to hold nothing that grows. */
const pieceBytes = 64 * 1024

/**
 * The file's text in pieces, decoded as readInputFile decodes it whole (a character split between two
 * reads is kept whole, a byte-order mark kept, a bad byte the same U+FFFD), so the pieces joined are
 * exactly its text. Only the piece being read is held.
 */
export async function* streamInputFile(path: string, hint: string): AsyncGenerator<string> {
  const handle = await open(path, 'r').catch((error: unknown) => {
    throw couldNotRead(path, hint, error)
  })
  try {
    const decoder = new TextDecoder('utf-8', { ignoreBOM: true })
    const buffer = Buffer.allocUnsafe(pieceBytes)
    for (;;) {
      const { bytesRead } = await handle.read(buffer, 0, pieceBytes, null).catch((error: unknown) => {
        throw couldNotRead(path, hint, error)
      })
      if (bytesRead === 0) break
      const text = decoder.decode(buffer.subarray(0, bytesRead), { stream: true })
      if (text !== '') yield text
    }
    const last = decoder.decode()
    if (last !== '') yield last
  } finally {
    await handle.close()
  }
}

function couldNotRead(path: string, hint: string, error: unknown): PlausibleError {
  return new PlausibleError('USAGE', {
    message: `Could not read ${path} (${(error as NodeJS.ErrnoException).code ?? 'read failed'}).`,
    hint,
    cause: error,
  })
}
