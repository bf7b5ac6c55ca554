// Where a config store sets aside a config.json it cannot read: beside it, as
// `config.json.corrupt-<time>`, mode 0600 whatever the original had (it lists the accounts and their
// servers), so `doctor` can report it on every run with the way to restore its accounts.
import { chmodSync, renameSync } from 'node:fs'

/** Moves `path` aside and returns the copy's path; the copy is readable by its owner alone. */
export function setConfigAside(path: string, now: number): string {
  const aside = `${path}.corrupt-${new Date(now).toISOString().replace(/[:.]/g, '-')}`
  renameSync(path, aside)
  // Windows has no owner-only mode bits to set; its ACLs already keep the user's profile private.
  if (process.platform !== 'win32') chmodSync(aside, 0o600)
  return aside
}
