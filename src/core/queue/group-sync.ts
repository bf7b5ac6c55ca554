// Group commit for folder syncs: every caller that asks before a sync starts shares it, so a hundred
// renames made durable at once cost one or two fsyncs, not a hundred. A caller's promise resolves only
// after a sync that started after its call, so whatever it changed before asking is covered. A sync
// may wait `gatherMs` before it starts, to gather more callers when nobody waits on it in a hurry.
import { closeSync, fsync, openSync } from 'node:fs'

export type GroupSync = () => Promise<void>

export function createGroupSync(
  syncOnce: () => Promise<void>,
  options: { gatherMs?: number } = {},
): GroupSync {
  const gatherMs = options.gatherMs ?? 0
  /** The sync callers join now: it has not started yet. */
  let next: Promise<void> | null = null
  let running: Promise<void> | null = null
  return () => {
    if (next) return next
    const before = running?.catch(() => undefined) ?? Promise.resolve()
    const sync: Promise<void> = before
      .then(() => (gatherMs > 0 ? new Promise<void>((resolve) => setTimeout(resolve, gatherMs)) : undefined))
      .then(() => {
        // Started: whoever asks from now on waits for the one after.
        next = null
        running = sync
        return syncOnce()
      })
      .finally(() => {
        if (running === sync) running = null
      })
    next = sync
    return sync
  }
}

export interface FolderSync {
  /** Resolves once the folder's entries as they are now are durable (renames, new and removed names). */
  sync: GroupSync
  /** Closes the folder's descriptor; a later sync opens it again. */
  close(): void
}

/**
 * fsync of a folder, grouped, on a descriptor kept open (opening and closing a folder costs more than
 * syncing it). Best effort where a folder cannot be opened or synced (Windows; NTFS journals renames).
 */
export function createFolderSync(dir: string, options: { gatherMs?: number } = {}): FolderSync {
  let fd: number | null = null
  const syncOnce = async (): Promise<void> => {
    try {
      fd ??= openSync(dir, 'r')
    } catch {
      return
    }
    const descriptor = fd
    await new Promise<void>((resolve) => fsync(descriptor, () => resolve()))
  }
  return {
    sync: createGroupSync(syncOnce, options),
    close() {
      if (fd === null) return
      try {
        closeSync(fd)
      } catch {
        // Closed already.
      }
      fd = null
    },
  }
}
