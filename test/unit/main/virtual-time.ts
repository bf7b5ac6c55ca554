// A fake clock with timers for the tray tests: timers fire in time order as the test advances the
// clock, and after each one the test awaits the tray's own idle promise, so no test sleeps.
import type { Timers } from '../../../src/core/glance/poller'

export interface VirtualTime extends Timers {
  now(): number
  /** Sets the clock without firing timers (the user acting between polls). */
  set(at: number): void
  /** Fires every timer due up to `until`, in order, awaiting `settle` after each. */
  advanceTo(until: number, settle: () => Promise<void>): Promise<number>
  pending(): number
}

export function createVirtualTime(start: number): VirtualTime {
  let now = start
  let nextId = 1
  const timers = new Map<number, { at: number; run: () => void }>()
  return {
    now: () => now,
    set: (at) => void (now = at),
    setTimeout(run, ms) {
      const id = nextId++
      timers.set(id, { at: now + Math.max(0, ms), run })
      return id
    },
    clearTimeout(handle) {
      timers.delete(handle as number)
    },
    async advanceTo(until, settle) {
      let fired = 0
      for (;;) {
        const due = [...timers.entries()]
          .filter(([, timer]) => timer.at <= until)
          .sort((a, b) => a[1].at - b[1].at)[0]
        if (!due) break
        timers.delete(due[0])
        now = Math.max(now, due[1].at)
        due[1].run()
        fired += 1
        await settle()
      }
      now = Math.max(now, until)
      return fired
    },
    pending: () => timers.size,
  }
}
