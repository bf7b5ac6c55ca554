// Splits a byte stream into newline-terminated JSON lines with a hard cap on line length, for both ends
// of the control socket. Lines are cut on bytes and decoded whole, so a UTF-8 character split across
// two chunks is never mangled.

const newline = 0x0a

export interface LineReader {
  /** Feed the next chunk from the socket. Calls `onLine` per complete line, `onOverflow` once if capped. */
  push(chunk: Buffer): void
}

export function createLineReader(options: {
  maxLineBytes: number
  onLine: (line: string) => void
  onOverflow: () => void
}): LineReader {
  let parts: Buffer[] = []
  let pendingBytes = 0
  let hasOverflowed = false

  return {
    push(chunk) {
      if (hasOverflowed) return
      let start = 0
      for (let end = chunk.indexOf(newline, start); end !== -1; end = chunk.indexOf(newline, start)) {
        const piece = chunk.subarray(start, end)
        if (pendingBytes + piece.length > options.maxLineBytes) return overflow()
        const line = parts.length === 0 ? piece : Buffer.concat([...parts, piece])
        parts = []
        pendingBytes = 0
        start = end + 1
        const text = line.toString('utf8').replace(/\r$/, '')
        if (text.trim() !== '') options.onLine(text)
      }
      const rest = chunk.subarray(start)
      if (rest.length === 0) return
      if (pendingBytes + rest.length > options.maxLineBytes) return overflow()
      parts.push(rest)
      pendingBytes += rest.length
    },
  }

  function overflow(): void {
    hasOverflowed = true
    parts = []
    pendingBytes = 0
    options.onOverflow()
  }
}
