// A clock that moves only when someone sleeps on it: tests live through hours in milliseconds.
import type { Sleep } from '../../../../src/core/queue/sleep'

export interface FakeTime {
  clock: () => number
  sleep: Sleep
  set(iso: string): void
  /** Every wait asked for, in ms. */
  slept: number[]
}

export function fakeTime(startIso: string): FakeTime {
  let now = Date.parse(startIso)
  const slept: number[] = []
  return {
    clock: () => now,
    sleep: async (ms, signal) => {
      if (signal.aborted) throw signal.reason
      slept.push(ms)
      now += ms
      await Promise.resolve()
    },
    set: (iso) => void (now = Date.parse(iso)),
    slept,
  }
}
