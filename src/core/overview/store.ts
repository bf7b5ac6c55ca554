// The overview's last numbers in `<configDir>/overview.json`, so the page shows numbers with their age the
// moment it opens after a restart, and a CLI run finds what the app read (and the app what a CLI run read).
// Small, never a secret (domains and counts), written atomically with mode 0600. Several processes may
// write it: each write reads the file first and keeps, card by card and account by account, the newer.
// Errors are not kept: they belong to the process that met them.
import { mkdir } from 'node:fs/promises'
import { dirname } from 'node:path'
import { z } from 'zod'
import { writeFileAtomic } from '../budget/atomic-file'
import { readJsonFile, type CorruptFileReport } from '../glance/json-file'
import { lazySchema } from '../../shared/lazy-schema'

export const overviewFileName = 'overview.json'

const Count = lazySchema(() => z.number().int().nonnegative())

const StoredCard = lazySchema(() =>
  z.object({
    account: z.string(),
    /** The server the numbers came from: an alias given to another server starts afresh. */
    baseUrl: z.string(),
    site: z.string(),
    visitors: Count,
    previousVisitors: Count,
    change: z.number().int().nullable(),
    sparkline: z.array(z.object({ hour: z.string(), visitors: Count })),
    window: z.object({ from: z.string(), to: z.string() }),
    /** ms */
    asOf: z.number(),
  }),
)
export type StoredCard = z.infer<typeof StoredCard>

const StoredAccount = lazySchema(() =>
  z.object({
    account: z.string(),
    baseUrl: z.string(),
    /** The account's sites as last listed, in list order (null timezone: a pinned site the list did not name). */
    sites: z.array(z.object({ domain: z.string(), timezone: z.string().nullable() })),
    /** ms; null: never listed (the sites came from pins). */
    listedAt: z.number().nullable(),
    /** ms of the last refresh that brought numbers; null: never. */
    lastRefreshAt: z.number().nullable(),
    /** The sites that refresh asked, read or not: a site missing here is new and due at once. */
    refreshedSites: z.array(z.string()).default([]),
  }),
)
export type StoredAccount = z.output<typeof StoredAccount>

const OverviewFile = lazySchema(() =>
  z.object({
    version: z.literal(1),
    accounts: z.array(StoredAccount),
    cards: z.array(StoredCard),
  }),
)
type OverviewFile = z.infer<typeof OverviewFile>

export interface OverviewStore {
  /** Reads the file again and keeps the newer of what it holds and what this process holds. */
  reload(): Promise<void>
  account(alias: string, baseUrl: string): StoredAccount | undefined
  setAccount(entry: StoredAccount): void
  card(alias: string, baseUrl: string, site: string): StoredCard | undefined
  setCard(card: StoredCard): void
  /** Writes what changed since the last save, merged with the file as it is now. */
  save(): Promise<void>
}

/** Entries are kept by alias and server: an alias given to another server starts afresh. */
const accountKey = (account: string, baseUrl: string): string => `${account}\n${baseUrl}`
const cardKey = (account: string, baseUrl: string, site: string): string => `${account}\n${baseUrl}\n${site}`

/** Entries nobody refreshed or listed for this long (a removed account, a deleted site) are dropped. */
export const forgetAfterMs = 30 * 24 * 3_600_000

export function openOverviewStore(options: {
  path: string
  now: () => number
  onCorrupt?: (report: CorruptFileReport) => void
}): OverviewStore {
  const accounts = new Map<string, StoredAccount>()
  const cards = new Map<string, StoredCard>()
  let isDirty = false
  let writing: Promise<void> = Promise.resolve()

  function mergeFile(file: OverviewFile | null): void {
    for (const entry of file?.accounts ?? []) {
      const key = accountKey(entry.account, entry.baseUrl)
      const mine = accounts.get(key)
      accounts.set(key, mine ? mergedAccount(mine, entry) : entry)
    }
    for (const entry of file?.cards ?? []) {
      const key = cardKey(entry.account, entry.baseUrl, entry.site)
      const mine = cards.get(key)
      if (!mine || entry.asOf > mine.asOf) cards.set(key, entry)
    }
  }

  const read = (): Promise<OverviewFile | null> => readJsonFile(options.path, OverviewFile, options)

  return {
    async reload() {
      await writing
      mergeFile(await read())
    },
    account: (alias, baseUrl) => accounts.get(accountKey(alias, baseUrl)),
    setAccount(entry) {
      accounts.set(accountKey(entry.account, entry.baseUrl), structuredClone(entry))
      isDirty = true
    },
    card: (alias, baseUrl, site) => cards.get(cardKey(alias, baseUrl, site)),
    setCard(card) {
      cards.set(cardKey(card.account, card.baseUrl, card.site), structuredClone(card))
      isDirty = true
    },
    save() {
      const write = writing.then(async () => {
        if (!isDirty) return
        isDirty = false
        try {
          mergeFile(await read())
          const since = options.now() - forgetAfterMs
          const file: OverviewFile = {
            version: 1,
            accounts: [...accounts.values()].filter(
              (entry) => Math.max(entry.listedAt ?? 0, entry.lastRefreshAt ?? 0) >= since,
            ),
            cards: [...cards.values()].filter((card) => card.asOf >= since),
          }
          await mkdir(dirname(options.path), { recursive: true, mode: 0o700 })
          await writeFileAtomic(options.path, JSON.stringify(file), 0o600)
        } catch (error) {
          // Kept in memory; the next save tries again.
          isDirty = true
          throw error
        }
      })
      writing = write.catch(() => undefined)
      return write
    },
  }
}

/** The later listing's sites, and the later of the two refreshes. */
function mergedAccount(mine: StoredAccount, theirs: StoredAccount): StoredAccount {
  const listed = (theirs.listedAt ?? -1) > (mine.listedAt ?? -1) ? theirs : mine
  const refreshed = (theirs.lastRefreshAt ?? -1) > (mine.lastRefreshAt ?? -1) ? theirs : mine
  return {
    ...listed,
    lastRefreshAt: refreshed.lastRefreshAt,
    refreshedSites: refreshed.refreshedSites,
  }
}
