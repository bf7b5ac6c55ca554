import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { openRealtimeHistory } from '../../../../src/core/realtime/history-store'

const start = Date.parse('2026-11-22T13:00:00.000Z')

describe('openRealtimeHistory', () => {
  it('keeps the rings across a restart', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'plausible-history-'))
    const path = join(dir, 'realtime-history.json')
    const first = openRealtimeHistory({ path, now: () => start })
    first.record('work', 'example.com', 12, start)
    first.record('work', 'example.com', 15, start + 60_000)
    first.record('client-a', 'shop.example.org', 3, start + 60_000)
    await first.flush()

    const second = openRealtimeHistory({ path, now: () => start + 120_000 })
    expect(second.view('work', 'example.com', start + 120_000).recent).toEqual([
      { at: '2026-11-22T13:00:00.000Z', visitors: 12 },
      { at: '2026-11-22T13:01:00.000Z', visitors: 15 },
    ])
    expect(second.view('client-a', 'shop.example.org', start + 120_000).day).toEqual([
      { at: '2026-11-22T13:00:00.000Z', min: 3, max: 3, mean: 3, samples: 1 },
    ])
    // Atomic writes leave no temp file behind.
    expect(readdirSync(dir)).toEqual(['realtime-history.json'])
  })

  it('moves a corrupt file aside, reports it and starts empty', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'plausible-history-'))
    const path = join(dir, 'realtime-history.json')
    writeFileSync(path, '{"version":1,"sites":[{"account":')
    const reports: Array<{ movedTo: string; reason: string }> = []
    const store = openRealtimeHistory({
      path,
      now: () => start,
      onCorrupt: (report) => reports.push(report),
    })
    expect(store.view('work', 'example.com', start).recent).toEqual([])
    expect(reports).toEqual([
      { path, movedTo: `${path}.corrupt-2026-11-22T13-00-00-000Z`, reason: 'it is not valid JSON' },
    ])
    expect(readFileSync(`${path}.corrupt-2026-11-22T13-00-00-000Z`, 'utf8')).toBe(
      '{"version":1,"sites":[{"account":',
    )
  })

  it('writes nothing when nothing changed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'plausible-history-'))
    const store = openRealtimeHistory({ path: join(dir, 'realtime-history.json'), now: () => start })
    await store.flush()
    expect(readdirSync(dir)).toEqual([])
  })
})
