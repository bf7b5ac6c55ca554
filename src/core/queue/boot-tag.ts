// Which boot of this machine wrote a file: a journal batch written in this boot was in the page cache
// for every process since, whatever killed them; one from an earlier boot lived through a power cut or
// a restart, so the job files written beside it (never fsynced one by one) are checked against it.
import { readFileSync } from 'node:fs'
import { uptime } from 'node:os'

let cached: string | undefined

/** Letters and digits only: Linux's boot id, elsewhere the minute the machine started. */
export function bootTag(): string {
  if (cached !== undefined) return cached
  try {
    cached = readFileSync('/proc/sys/kernel/random/boot_id', 'utf8')
      .trim()
      .replace(/[^0-9a-f]/gi, '')
      .toLowerCase()
  } catch {
    cached = ''
  }
  // A tag that moves by a minute only makes the next worker check a batch it did not need to.
  if (cached === '') cached = `t${Math.round((Date.now() - uptime() * 1000) / 60_000)}`
  return cached
}
