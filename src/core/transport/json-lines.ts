// Splits a byte stream into newline-terminated JSON lines with a hard cap on line length, for both ends
// of the control socket. Lines are cut on bytes and decoded whole, so a UTF-8 character split across
// two chunks is never mangled. A reader that is not ready keeps the rest of what it was given unsplit
// until `resume()`: pausing the socket alone does not stop the lines of a chunk already read, so this is
// where the server's backpressure really holds.

const newline = 0x0a

export interface LineReader {
  /** Feed the next chunk from the socket. Calls `onLine` per complete line, `onOverflow` once if capped. */
  push(chunk: Buffer): void
  /** Splits what was held back while the reader was not ready, as far as it is ready now. */
  resume(): void
  /** Bytes received and not yet split into lines (held back, or the start of a line still coming). */
  heldBytes(): number
  /** Bytes of a line begun and not yet ended by a newline. */
  partialLineBytes(): number
  /** Drops everything held (the connection is gone). */
  release(): void
}

export function createLineReader(options: {
  maxLineBytes: number
  onLine: (line: string) => void
  onOverflow: () => void
  /** Asked before each line; false keeps the rest for `resume()`. Default: always ready. */
  isReady?: () => boolean
}): LineReader {
  const isReady = options.isReady ?? (() => true)
  /** The start of the current line, in pieces as they came. */
  let parts: Buffer[] = []
  let partBytes = 0
  /** Received and not yet looked at. */
  let held: Buffer | null = null
  let hasOverflowed = false

  function split(): void {
    while (held !== null && !hasOverflowed && isReady()) {
      const end = held.indexOf(newline)
      if (end === -1) {
        if (partBytes + held.length > options.maxLineBytes) return overflow()
        parts.push(held)
        partBytes += held.length
        held = null
        return
      }
      const piece = held.subarray(0, end)
      if (partBytes + piece.length > options.maxLineBytes) return overflow()
      const line = parts.length === 0 ? piece : Buffer.concat([...parts, piece])
      parts = []
      partBytes = 0
      held = end + 1 < held.length ? held.subarray(end + 1) : null
      const text = line.toString('utf8').replace(/\r$/, '')
      if (text.trim() !== '') options.onLine(text)
    }
  }

  function release(): void {
    parts = []
    partBytes = 0
    held = null
  }

  function overflow(): void {
    hasOverflowed = true
    release()
    options.onOverflow()
  }

  return {
    push(chunk) {
      if (hasOverflowed) return
      held = held === null ? chunk : Buffer.concat([held, chunk])
      split()
    },
    resume: split,
    heldBytes: () => partBytes + (held?.length ?? 0),
    partialLineBytes: () => partBytes,
    release,
  }
}
