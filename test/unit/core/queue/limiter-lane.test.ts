import { describe, expect, it, vi } from 'vitest'
import { createLimiterLane } from '../../../../src/core/queue/limiter-lane'

/** A job that runs until opened; says when it started. */
function gatedJob(name: string, log: string[]) {
  let open: () => void = () => undefined
  const gate = new Promise<void>((resolve) => (open = resolve))
  let isStarted = false
  return {
    job: async () => {
      isStarted = true
      log.push(name)
      await gate
      return name
    },
    open: () => open(),
    isStarted: () => isStarted,
  }
}

const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve))

describe('limiter lane', () => {
  it('starts a request at once with one slot free (maxConcurrent − 1 running), without bottleneck', async () => {
    let atOnce = 0
    const lane = createLimiterLane({ maxConcurrent: 2, onStartedAtOnce: () => (atOnce += 1) })
    const log: string[] = []
    const first = gatedJob('first', log)
    const second = gatedJob('second', log)
    const running = [lane.run(3, first.job)]
    expect(first.isStarted()).toBe(true)
    running.push(lane.run(3, second.job))
    // Started before run() returned: no turn of bottleneck's was paid.
    expect(second.isStarted()).toBe(true)
    expect(atOnce).toBe(2)
    expect(lane.counts()).toEqual({ queued: 0, running: 2 })
    first.open()
    second.open()
    expect(await Promise.all(running)).toEqual(['first', 'second'])
    expect(lane.counts()).toEqual({ queued: 0, running: 0 })
    await lane.stop()
  })

  it('makes a request wait with maxConcurrent running, and starts it when one ends', async () => {
    let atOnce = 0
    const lane = createLimiterLane({ maxConcurrent: 2, onStartedAtOnce: () => (atOnce += 1) })
    const log: string[] = []
    const [a, b, c] = ['a', 'b', 'c'].map((name) => gatedJob(name, log))
    const done = [lane.run(3, a!.job), lane.run(3, b!.job), lane.run(3, c!.job)]
    expect(c!.isStarted()).toBe(false)
    expect(atOnce).toBe(2)
    // Bottleneck loads and files it, behind a placeholder for each of a and b: it still waits.
    await vi.waitFor(() => expect(lane.counts()).toEqual({ queued: 1, running: 2 }))
    for (let i = 0; i < 20; i++) await tick()
    expect(c!.isStarted()).toBe(false)
    a!.open()
    await vi.waitFor(() => expect(c!.isStarted()).toBe(true))
    expect(lane.counts()).toEqual({ queued: 0, running: 2 })
    b!.open()
    c!.open()
    expect(await Promise.all(done)).toEqual(['a', 'b', 'c'])
    expect(atOnce).toBe(2)
    await lane.stop()
  })

  it('starts nothing at once while a request waits, even with a slot free', async () => {
    let atOnce = 0
    const lane = createLimiterLane({ maxConcurrent: 1, onStartedAtOnce: () => (atOnce += 1) })
    const log: string[] = []
    const [a, b, c] = ['a', 'b', 'c'].map((name) => gatedJob(name, log))
    const done = [lane.run(8, a!.job), lane.run(8, b!.job)]
    a!.open()
    await done[0]
    // a has ended and b waits for bottleneck's turn: c queues behind it rather than overtake.
    done.push(lane.run(8, c!.job))
    expect(c!.isStarted()).toBe(false)
    expect(atOnce).toBe(1)
    b!.open()
    c!.open()
    await Promise.all(done)
    expect(log).toEqual(['a', 'b', 'c'])
  })

  it.each([
    ['while bottleneck loads (requests handed over in one tick)', false],
    ['with bottleneck loaded (requests handed over tick by tick)', true],
  ])('runs a queue that forms by priority, %s', async (_, isLoadedFirst) => {
    const lane = createLimiterLane({ maxConcurrent: 1 })
    const log: string[] = []
    if (isLoadedFirst) {
      // A first contention loads bottleneck; the lane is idle again afterwards.
      const [x, y] = ['x', 'y'].map((name) => gatedJob(name, log))
      const warm = [lane.run(5, x!.job), lane.run(5, y!.job)]
      x!.open()
      y!.open()
      await Promise.all(warm)
      log.length = 0
    }
    const first = gatedJob('first', log)
    const running = lane.run(3, first.job)
    const later: Array<Promise<string>> = []
    for (const [name, priority] of [
      ['tray', 8],
      ['background', 6],
      ['cli', 3],
      ['interactive', 1],
    ] as const) {
      later.push(lane.run(priority, async () => (log.push(name), name)))
      // Bottleneck files a request a few ms after it is handed over; one not filed yet cannot compete.
      if (isLoadedFirst) await vi.waitFor(() => expect(lane.counts().queued).toBe(later.length))
    }
    if (isLoadedFirst) {
      expect(lane.counts()).toEqual({ queued: 4, running: 1 })
    } else {
      // The slot frees before bottleneck has loaded: they are filed by priority all the same.
      first.open()
      await running
      expect(lane.counts()).toEqual({ queued: 0, running: 0 })
    }
    first.open()
    await Promise.all([running, ...later])
    expect(log).toEqual(['first', 'interactive', 'cli', 'background', 'tray'])
  })

  it('never runs more than maxConcurrent, however requests start, at once or in turn', async () => {
    // A deterministic mix: arrivals, priorities and durations from a fixed sequence.
    let seed = 7
    const next = (): number => (seed = (seed * 48271) % 2147483647) / 2147483647
    let atOnce = 0
    const lane = createLimiterLane({ maxConcurrent: 3, onStartedAtOnce: () => (atOnce += 1) })
    let inside = 0
    let most = 0
    const all: Array<Promise<number>> = []
    for (let index = 0; index < 120; index++) {
      const ms = Math.floor(next() * 4)
      all.push(
        lane.run(1 + Math.floor(next() * 8), async () => {
          inside += 1
          most = Math.max(most, inside)
          await new Promise((resolve) => setTimeout(resolve, ms))
          inside -= 1
          return index
        }),
      )
      if (next() < 0.5) await new Promise((resolve) => setTimeout(resolve, Math.floor(next() * 3)))
    }
    expect((await Promise.all(all)).length).toBe(120)
    expect(most).toBe(3)
    // Both ways were taken: the mix is a real test of the hand-over.
    expect(atOnce).toBeGreaterThan(0)
    expect(atOnce).toBeLessThan(120)
  })

  it('stops: waiting requests are dropped, running ones are waited for', async () => {
    const lane = createLimiterLane({ maxConcurrent: 1 })
    const log: string[] = []
    const a = gatedJob('a', log)
    const running = lane.run(3, a.job)
    const waiting = lane.run(3, async () => 'b')
    const stopped = lane.stop()
    // Bottleneck's own words for a job it drops on stop.
    await expect(waiting).rejects.toThrow('This limiter has been stopped.')
    let isStopped = false
    void stopped.then(() => (isStopped = true))
    await tick()
    expect(isStopped).toBe(false)
    a.open()
    await stopped
    expect(await running).toBe('a')
    await expect(lane.run(3, async () => 'c')).rejects.toThrow('This limiter lane has been stopped.')
  })

  it('refuses the priority kept for placeholders', () => {
    const lane = createLimiterLane({ maxConcurrent: 1 })
    expect(() => lane.run(0, async () => 0)).toThrow(RangeError)
    expect(() => lane.run(10, async () => 0)).toThrow(RangeError)
  })
})
