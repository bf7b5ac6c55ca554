// How a lock's holder is named to people, the same in `queue inspect`, `doctor` and the window: a lock
// nobody holds must never read like one held.

export type StaleLockReason = 'dead' | 'rebooted' | 'unreadable' | 'old'

/** "process 4242", with the host when it is another machine's (a config folder shared between machines). */
export function lockHolderWords(pid: number | null, host: string | null, localHost: string): string {
  return `process ${pid ?? '?'}${host && host !== localHost ? ` on ${host}` : ''}`
}

/** Why nobody holds a lock, after its path: "… was left by process 4242, which is no longer running". */
export function staleLockWords(reason: StaleLockReason | null, holder: string): string {
  switch (reason) {
    case 'dead':
      return `was left by ${holder}, which is no longer running`
    case 'rebooted':
      return `was left by ${holder} before this machine restarted`
    case 'old':
      return `was taken by ${holder} too long ago to be held still`
    default:
      return 'cannot be read (a crash or a full disk cut it short)'
  }
}
