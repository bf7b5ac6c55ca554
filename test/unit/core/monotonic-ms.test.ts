import { describe, expect, it } from 'vitest'
import { monotonicMs } from '../../../src/core/monotonic-ms'

describe('monotonicMs', () => {
  it('counts milliseconds forward, as the time between two readings', async () => {
    const first = monotonicMs()
    await new Promise((resolve) => setTimeout(resolve, 25))
    const elapsed = monotonicMs() - first
    expect(elapsed).toBeGreaterThanOrEqual(24)
    expect(elapsed).toBeLessThan(5_000)
  })
})
