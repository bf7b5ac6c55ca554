// Fetched icons kept in `<configDir>/site-icons/`, one small JSON file per server and site, so the overview
// asks the server at most once a day per site (as long as the server keeps its own answers) and once an
// hour for a site it had no icon for. Removed as a whole when the user turns fetching off.
import { createHash } from 'node:crypto'
import { mkdir, readdir, readFile, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { z } from 'zod'
import { lazySchema } from '../../shared/lazy-schema'
import { writeFileAtomic } from '../budget/atomic-file'

export const iconFolderName = 'site-icons'
/** As long as the server keeps an icon it found. */
export const iconTtlMs = 24 * 3_600_000
/** As long as the server keeps "none found". */
export const missingIconTtlMs = 3_600_000

const KeptIcon = lazySchema(() =>
  z.object({
    baseUrl: z.string(),
    site: z.string(),
    fetchedAt: z.number(),
    /** Null: the server had no icon for the site. */
    contentType: z.string().nullable(),
    base64: z.string().nullable(),
  }),
)
export type KeptIcon = z.infer<typeof KeptIcon>

export interface IconCache {
  folder: string
  /** The kept answer while it is fresh at `now`; null when there is none, it expired, or it is unreadable. */
  read(baseUrl: string, site: string, now: number): Promise<KeptIcon | null>
  write(icon: KeptIcon): Promise<void>
  count(): Promise<number>
  clear(): Promise<void>
}

export function isFresh(icon: Pick<KeptIcon, 'fetchedAt' | 'contentType'>, now: number): boolean {
  const ttl = icon.contentType === null ? missingIconTtlMs : iconTtlMs
  return now - icon.fetchedAt < ttl && icon.fetchedAt <= now
}

export function createIconCache(configDir: string): IconCache {
  const folder = join(configDir, iconFolderName)
  const fileOf = (baseUrl: string, site: string): string =>
    join(folder, `${createHash('sha256').update(`${baseUrl}\n${site}`).digest('hex').slice(0, 32)}.json`)
  return {
    folder,
    async read(baseUrl, site, now) {
      let text: string
      try {
        text = await readFile(fileOf(baseUrl, site), 'utf8')
      } catch {
        return null
      }
      // A damaged file is only a cache: it is fetched again and overwritten.
      const parsed = KeptIcon.safeParse(safeJson(text))
      if (!parsed.success || parsed.data.baseUrl !== baseUrl || parsed.data.site !== site) return null
      return isFresh(parsed.data, now) ? parsed.data : null
    },
    async write(icon) {
      await mkdir(folder, { recursive: true, mode: 0o700 })
      // Not synced: an icon lost to a power cut is fetched again.
      await writeFileAtomic(fileOf(icon.baseUrl, icon.site), JSON.stringify(icon), 0o600, { durable: false })
    },
    async count() {
      const names = await readdir(folder).catch(() => [] as string[])
      return names.filter((name) => name.endsWith('.json')).length
    },
    clear: () => rm(folder, { recursive: true, force: true }),
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return null
  }
}
