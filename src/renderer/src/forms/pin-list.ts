// Edits of the tray's pinned sites as pure functions over the list: each returns the whole next list,
// which the settings screen sends with `pins.set` (the core keeps the order; the first is the tray title).
import { PinList, type PinnedSite } from '../../../shared/contract/glance'

export const samePin = (a: PinnedSite, b: PinnedSite): boolean => a.account === b.account && a.site === b.site

export function addPin(pins: readonly PinnedSite[], pin: PinnedSite): PinnedSite[] {
  return pins.some((entry) => samePin(entry, pin)) ? [...pins] : [...pins, pin]
}

export function removePin(pins: readonly PinnedSite[], index: number): PinnedSite[] {
  return pins.filter((_, at) => at !== index)
}

/** Moves the pin at `index` by `delta` places; a move past either end leaves the list as it is. */
export function movePin(pins: readonly PinnedSite[], index: number, delta: -1 | 1): PinnedSite[] {
  const to = index + delta
  if (index < 0 || index >= pins.length || to < 0 || to >= pins.length) return [...pins]
  const next = [...pins]
  const [moved] = next.splice(index, 1)
  next.splice(to, 0, moved!)
  return next
}

/** The contract's own check (at most 50, each once), as one sentence; null when the list passes. */
export function pinListProblem(pins: readonly PinnedSite[]): string | null {
  const parsed = PinList.safeParse(pins)
  return parsed.success ? null : (parsed.error.issues[0]?.message ?? 'These pins cannot be saved.')
}
