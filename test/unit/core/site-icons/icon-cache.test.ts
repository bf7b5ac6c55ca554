import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import {
  createIconCache,
  iconTtlMs,
  isFresh,
  missingIconTtlMs,
} from '../../../../src/core/site-icons/icon-cache'

const at = Date.parse('2026-12-07T10:00:00Z')
const found = { fetchedAt: at, contentType: 'image/png' }
const missing = { fetchedAt: at, contentType: null }

describe('isFresh', () => {
  it('keeps a found icon a day: fresh one millisecond before, stale at exactly 24 hours', () => {
    expect(isFresh(found, at + iconTtlMs - 1)).toBe(true)
    expect(isFresh(found, at + iconTtlMs)).toBe(false)
  })

  it('keeps "none found" an hour: fresh one millisecond before, stale at exactly one hour', () => {
    expect(isFresh(missing, at + missingIconTtlMs - 1)).toBe(true)
    expect(isFresh(missing, at + missingIconTtlMs)).toBe(false)
  })

  it('does not trust an answer from the future (a clock set back)', () => {
    expect(isFresh(found, at - 1)).toBe(false)
  })
})

describe('createIconCache', () => {
  let dir: string | undefined
  afterEach(async () => {
    if (dir) await rm(dir, { recursive: true, force: true })
  })

  it('reads back what it wrote per server and site, counts it, and forgets everything on clear', async () => {
    dir = await mkdtemp(join(tmpdir(), 'plausible-icons-'))
    const cache = createIconCache(dir)
    const icon = {
      baseUrl: 'https://a.example',
      site: 'x.com',
      fetchedAt: at,
      contentType: 'image/png',
      base64: 'AAEC',
    }
    await cache.write(icon)
    expect(await cache.read('https://a.example', 'x.com', at + 1)).toEqual(icon)
    expect(await cache.read('https://b.example', 'x.com', at + 1)).toBeNull()
    expect(await cache.count()).toBe(1)
    await cache.clear()
    expect(await cache.count()).toBe(0)
    expect(await cache.read('https://a.example', 'x.com', at + 1)).toBeNull()
  })

  it('treats a damaged file as no icon (it is fetched again), never as an error', async () => {
    dir = await mkdtemp(join(tmpdir(), 'plausible-icons-'))
    const cache = createIconCache(dir)
    await cache.write({
      baseUrl: 'https://a.example',
      site: 'x.com',
      fetchedAt: at,
      contentType: null,
      base64: null,
    })
    const [name] = await readdir(cache.folder)
    await writeFile(join(cache.folder, name!), '{"baseUrl":')
    expect(await cache.read('https://a.example', 'x.com', at + 1)).toBeNull()
  })
})
