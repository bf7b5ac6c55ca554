// usage.json as its writers keep it. Putting a new file in its place (replaceFileKeepingOpen) changes the
// folder four times, and the ledger is written on every request. While the file at the path is still the
// one this process put there, nobody has written it since: every writer puts a new file in its place
// unless, like this one, it still holds open the file it put there itself, and an inode held open is never
// handed to another file. So this process overwrites its own file in place: one write at offset 0 of at
// most one page, which a kill does not stop halfway, padded with spaces to the file's length so no tail
// of a longer text is left behind. A text that does not fit goes to a new file, given room to grow.
// Readers that do not take the ledger's lock (the doctor) may meet a write halfway and must read again.
import { statSync, writeSync } from 'node:fs'
import { closeQuietly, namingFile, replaceFileKeepingOpen, type KeptFile } from './atomic-file'

/** One page: the most an in-place write covers. */
export const inPlaceMaxBytes = 4096
/** Room a new file gets beyond its text (spaces), so the next slightly longer texts still fit in place. */
export const growthRoomBytes = 256

export interface LedgerFile {
  /** Is the file at the path still the one this process wrote last? Then nobody else wrote it since. */
  isOurs(): boolean
  /**
   * Writes `text` whole: in place when the caller found the file ours under the lock it still holds
   * (`isOurs`, asked once per step) and the text fits, else as a new file.
   */
  write(text: string, isOurs: boolean): void
  /** Lets go of the file this process holds; the file stays. */
  close(): void
}

export function createLedgerFile(path: string, mode = 0o600): LedgerFile {
  let own: KeptFile | null = null

  function letGo(): void {
    if (!own) return
    const { fd } = own
    own = null
    closeQuietly(fd)
  }

  function isOurs(): boolean {
    if (!own) return false
    const stats = statSync(path, { bigint: true, throwIfNoEntry: false })
    return stats !== undefined && stats.ino === own.ino && stats.dev === own.dev
  }

  function writeInPlace(file: KeptFile, text: string): boolean {
    let written: number
    try {
      written = writeSync(file.fd, padded(text, file.size), 0, 'utf8')
    } catch (error) {
      letGo()
      throw namingFile(error, path)
    }
    // A write of one page is not cut short; were one ever, the text goes whole to a new file below.
    return written === file.size
  }

  return {
    isOurs,
    write(text, isOurs) {
      const bytes = Buffer.byteLength(text)
      if (own && isOurs && bytes <= own.size && writeInPlace(own, text)) return
      letGo()
      const size = bytes > inPlaceMaxBytes ? bytes : Math.min(inPlaceMaxBytes, bytes + growthRoomBytes)
      const kept = replaceFileKeepingOpen(path, padded(text, size), mode)
      if (kept.size <= inPlaceMaxBytes) own = kept
      else closeQuietly(kept.fd)
    },
    close: letGo,
  }
}

/** `text` grown to `bytes` with spaces, placed before its last newline when it ends with one. */
export function padded(text: string, bytes: number): string {
  const room = bytes - Buffer.byteLength(text)
  if (room <= 0) return text
  const spaces = ' '.repeat(room)
  return text.endsWith('\n') ? `${text.slice(0, -1)}${spaces}\n` : `${text}${spaces}`
}
