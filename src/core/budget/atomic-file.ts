// Crash-safe file writes for the ledger and the journal (design.md "Data on disk"): write a temp file
// beside the target, fsync it, rename it over the target, fsync the folder — a reader sees the old
// file or the new one, never half of one, even after kill -9 or a power cut.
import { closeSync, fstatSync, openSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs'
import { open, rename, unlink } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import { randomHex } from '../random-hex'

export interface AtomicWriteOptions {
  /**
   * false: still all-or-nothing for every reader (temp + rename), but without the fsyncs that make it
   * survive a power cut. For data that is cheap to lose and written on a hot path (the usage ledger).
   */
  durable?: boolean
  /**
   * With `durable`: also fsync the folder, so the new name survives a power cut (default). false for a
   * caller that makes the name durable itself, with one folder sync shared by many writes (the journal).
   */
  syncFolder?: boolean
}

export async function writeFileAtomic(
  path: string,
  data: string,
  mode = 0o600,
  options: AtomicWriteOptions = {},
): Promise<void> {
  const durable = options.durable ?? true
  const temp = tempNameFor(path)
  try {
    const file = await open(temp, 'wx', mode)
    try {
      await file.writeFile(data, 'utf8')
      if (durable) await file.sync()
    } finally {
      await file.close()
    }
    await rename(temp, path)
  } catch (error) {
    // A full disk fails the write after the temp file exists: never leave it behind.
    await unlink(temp).catch(() => undefined)
    throw namingFile(error, path)
  }
  if (durable && options.syncFolder !== false) await syncDir(dirname(path))
}

/** A file replaceFileKeepingOpen put at its path, still open for writing. */
export interface KeptFile {
  fd: number
  /** Device and inode as BigInts: a 64-bit file id (NTFS) does not survive a Number. */
  dev: bigint
  ino: bigint
  /** Its length in bytes. */
  size: number
}

/**
 * An atomic replacement, in a handful of synchronous calls, for a file rewritten on every request (the
 * usage ledger) by a step that holds a lock other processes wait for; without the slow call of
 * writeFileAtomic: on ext4, renaming over an existing file first writes the new file's data out (auto_da_alloc),
 * 0.2–3 ms on this kind of machine against 0.05 ms for a rename to a free name. So the old file steps
 * aside to `<path>.prev`, the new one takes its name, and the old one goes. At every instant `path` or
 * `<path>.prev` holds a whole file, and readReplacedFileSync reads whichever does. Not synced: for
 * data that is cheap to lose to a power cut. Readers must hold the lock its writers hold. The new file is
 * left open: its writer may overwrite it in place later (ledger-file.ts).
 */
export function replaceFileKeepingOpen(path: string, data: string, mode = 0o600): KeptFile {
  const temp = tempNameFor(path)
  const aside = `${path}.prev`
  let fd: number | undefined
  let kept: KeptFile
  try {
    fd = openSync(temp, 'wx', mode)
    writeFileSync(fd, data, 'utf8')
    const { dev, ino, size } = fstatSync(fd, { bigint: true })
    kept = { fd, dev, ino, size: Number(size) }
    try {
      // A `.prev` a crash left behind is stale: this rename replaces it, the slow way, once.
      renameSync(path, aside)
    } catch (error) {
      if (!isErrno(error, 'ENOENT')) throw error
    }
    renameSync(temp, path)
  } catch (error) {
    if (fd !== undefined) closeQuietly(fd)
    try {
      unlinkSync(temp)
    } catch {
      // Never created, or already renamed.
    }
    throw namingFile(error, path)
  }
  try {
    unlinkSync(aside)
  } catch {
    // There was no old file, or a crash had removed it: either way nothing is left to remove.
  }
  return kept
}

/** Closes a descriptor whose work is over; a failure to close changes nothing for the caller. */
export function closeQuietly(fd: number): void {
  try {
    closeSync(fd)
  } catch {
    // Closing was all that was left to do.
  }
}

/** What replaceFileKeepingOpen last wrote whole, and where: `path`, or `<path>.prev` after a crash between its renames. */
export function readReplacedFileSync(path: string): { text: string; from: string } {
  try {
    return { text: readFileSync(path, 'utf8'), from: path }
  } catch (error) {
    if (!isErrno(error, 'ENOENT')) throw error
    try {
      return { text: readFileSync(`${path}.prev`, 'utf8'), from: `${path}.prev` }
    } catch {
      // Neither: the first write is still to come. The error names the file readers know.
      throw error
    }
  }
}

function tempNameFor(path: string): string {
  return join(dirname(path), `.${basename(path)}.${process.pid}.${randomHex(8)}.tmp`)
}

/**
 * A write on a file handle fails without a path, and a temp file's name means nothing to anyone: the
 * error names the file that was being written, so CONFIG_DIR can say which one and what it holds.
 */
export function namingFile(error: unknown, path: string): unknown {
  if (!error || typeof error !== 'object' || typeof (error as NodeJS.ErrnoException).code !== 'string')
    return error
  const errno = error as NodeJS.ErrnoException
  errno.path = path
  errno.syscall ??= 'write'
  return errno
}

/** Makes a rename or unlink in `dir` durable. Some platforms cannot open a folder: then best effort. */
export async function syncDir(dir: string): Promise<void> {
  let handle
  try {
    handle = await open(dir, 'r')
    await handle.sync()
  } catch {
    // Windows cannot fsync a directory; NTFS journals the rename itself.
  } finally {
    await handle?.close()
  }
}

/** Temp files of writes that died before their rename: they start with a dot and end in `.tmp`. */
export function isTempFileName(name: string): boolean {
  return name.startsWith('.') && name.endsWith('.tmp')
}

export function isErrno(error: unknown, code: string): boolean {
  return (error as NodeJS.ErrnoException | null)?.code === code
}
