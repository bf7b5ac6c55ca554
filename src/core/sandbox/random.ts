// Seeded pseudo-random numbers: the same key always yields the same sequence, so the data set is reproducible.

/** Hashes any list of strings and numbers to a 32-bit seed (FNV-1a, then a murmur finaliser to spread the bits). */
export function hashKey(...parts: ReadonlyArray<string | number>): number {
  let hash = 0x811c9dc5
  const text = parts.join('\u0001')
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i)
    hash = Math.imul(hash, 0x01000193)
  }
  hash ^= hash >>> 16
  hash = Math.imul(hash, 0x85ebca6b)
  hash ^= hash >>> 13
  hash = Math.imul(hash, 0xc2b2ae35)
  hash ^= hash >>> 16
  return hash >>> 0
}

export interface Random {
  /** A float in [0, 1). */
  next(): number
  /** An integer in [min, max], both inclusive. */
  int(min: number, max: number): number
  chance(probability: number): boolean
  pick<T>(items: readonly T[]): T
}

/** A mulberry32 generator seeded from the hashed key: fast, small state, good enough for synthetic data. */
export function createRandom(...key: ReadonlyArray<string | number>): Random {
  let state = hashKey(...key)
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    chance: (probability) => next() < probability,
    pick<T>(items: readonly T[]): T {
      const item = items[Math.floor(next() * items.length)]
      if (item === undefined) throw new Error('pick() from an empty list')
      return item
    },
  }
}

/** A weighted choice table, built once and sampled many times. */
export interface WeightedTable<T> {
  readonly values: readonly T[]
  readonly cumulative: readonly number[]
  readonly total: number
}

export function weightedTable<T>(entries: ReadonlyArray<readonly [T, number]>): WeightedTable<T> {
  const values: T[] = []
  const cumulative: number[] = []
  let total = 0
  for (const [value, weight] of entries) {
    if (weight <= 0) continue
    total += weight
    values.push(value)
    cumulative.push(total)
  }
  if (values.length === 0) throw new Error('weightedTable() needs at least one positive weight')
  return { values, cumulative, total }
}

export function pickWeighted<T>(random: Random, table: WeightedTable<T>): T {
  return table.values[pickWeightedIndex(random, table)] as T
}

/** The index of a weighted pick, for callers that key caches by choice. */
export function pickWeightedIndex<T>(random: Random, table: WeightedTable<T>): number {
  const target = random.next() * table.total
  let low = 0
  let high = table.cumulative.length - 1
  while (low < high) {
    const mid = (low + high) >> 1
    if ((table.cumulative[mid] ?? 0) > target) high = mid
    else low = mid + 1
  }
  return low
}
