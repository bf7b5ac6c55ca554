// The last answers of stats queries, kept in localStorage: a reload within the freshness window spends
// no request, and with the server or network gone the window still shows numbers "as of" their time.

const prefix = 'plausible-desktop:q:'
const indexKey = 'plausible-desktop:q-index'
/** Enough for a few sites' dashboards; the oldest answers go first. */
const maxEntries = 120
/** A year of hourly points is half a megabyte: not worth the quota. */
const maxBytes = 150_000

interface Entry<T> {
  savedAt: number
  data: T
}

function storage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage
  } catch {
    return null
  }
}

export function readPersisted<T>(key: string): Entry<T> | undefined {
  const store = storage()
  const text = store?.getItem(prefix + key)
  if (!text) return undefined
  try {
    const entry = JSON.parse(text) as Entry<T>
    return typeof entry.savedAt === 'number' ? entry : undefined
  } catch {
    return undefined
  }
}

export function writePersisted<T>(key: string, data: T, savedAt = Date.now()): void {
  const store = storage()
  if (!store) return
  const text = JSON.stringify({ savedAt, data })
  if (text.length > maxBytes) return
  let index: string[]
  try {
    index = JSON.parse(store.getItem(indexKey) ?? '[]') as string[]
  } catch {
    index = []
  }
  index = [...index.filter((k) => k !== key), key]
  while (index.length > maxEntries) {
    const oldest = index.shift()
    if (oldest) store.removeItem(prefix + oldest)
  }
  try {
    store.setItem(prefix + key, text)
    store.setItem(indexKey, JSON.stringify(index))
  } catch {
    // Quota: drop half the entries and give up on this one; the cache is a convenience.
    for (const old of index.splice(0, Math.ceil(index.length / 2))) store.removeItem(prefix + old)
    store.setItem(indexKey, JSON.stringify(index))
  }
}
