// The service loads a domain's handlers on the first call of one of its calls, once per service.
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it, vi } from 'vitest'
import { callNames } from '../../../src/shared/contract'
import type { HandlerDeps } from '../../../src/core/handlers/types'
import type { Domain } from '../../../src/core/service'

const made = vi.hoisted(() => ({ stats: 0, dialogFailures: 1 }))

vi.mock('../../../src/core/handlers/stats', () => ({
  statsHandlers: (deps: { tag: string }) => {
    made.stats += 1
    return {
      'stats.query': async (input: unknown) => ({ call: 'stats.query', input, tag: deps.tag }),
      'stats.realtime': async (input: unknown) => ({ call: 'stats.realtime', input, tag: deps.tag }),
    }
  },
}))

vi.mock('../../../src/core/handlers/dialog', () => ({
  dialogHandlers: () => {
    if (made.dialogFailures > 0) {
      made.dialogFailures -= 1
      throw new Error('the dialog domain could not be made')
    }
    return { 'dialog.pickFolder': async () => 'opened' }
  },
}))

const { createService } = await import('../../../src/core/service')

describe('createService', () => {
  it('answers every call of the contract', () => {
    const service = createService({} as HandlerDeps) as unknown as Record<string, unknown>
    expect(Object.keys(service).sort()).toEqual([...callNames].sort())
    for (const name of callNames) expect(typeof service[name], name).toBe('function')
  })

  it("makes a domain's handlers on its first call, once per service, with the service's deps", async () => {
    made.stats = 0
    const service = createService({ tag: 'first' } as unknown as HandlerDeps)
    expect(made.stats).toBe(0)
    const query = { site_id: 'a.example', metrics: ['visitors'], date_range: '7d' }
    await expect(service['stats.query']({ query } as never)).resolves.toEqual({
      call: 'stats.query',
      input: { query },
      tag: 'first',
    })
    await service['stats.realtime']({ site: 'a.example' } as never)
    await service['stats.query']({ query } as never)
    expect(made.stats).toBe(1)
    const other = createService({ tag: 'second' } as unknown as HandlerDeps)
    await expect(other['stats.realtime']({ site: 'b.example' } as never)).resolves.toMatchObject({
      tag: 'second',
    })
    expect(made.stats).toBe(2)
  })

  it('tries a domain that failed to be made again on the next call', async () => {
    const service = createService({} as HandlerDeps) as unknown as Record<
      string,
      (input: unknown) => Promise<unknown>
    >
    await expect(service['dialog.pickFolder']!({})).rejects.toThrow('the dialog domain could not be made')
    await expect(service['dialog.pickFolder']!({})).resolves.toBe('opened')
  })
})

describe("each domain's module", () => {
  it('answers exactly the calls named after its domain', async () => {
    // Real modules (stats and dialog aside, mocked above), made with deps that are only looked at.
    const deps = new Proxy(
      { configDir: mkdtempSync(join(tmpdir(), 'plausible-service-')), clock: () => 0 },
      {
        get: (target, key) => (key in target ? target[key as keyof typeof target] : () => undefined),
      },
    ) as unknown as HandlerDeps
    const domains = [...new Set(callNames.map((name) => name.slice(0, name.indexOf('.'))))]
    const { makeDomain } = await import('../../../src/core/service')
    for (const domain of domains) {
      const handlers = await makeDomain(domain as Domain, deps)
      expect(Object.keys(handlers).sort(), domain).toEqual(
        callNames.filter((name) => name.startsWith(`${domain}.`)).sort(),
      )
    }
  })
})
