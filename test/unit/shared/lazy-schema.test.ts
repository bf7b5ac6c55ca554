import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { lazySchema } from '../../../src/shared/lazy-schema'

const eagerSite = z.object({ domain: z.string().min(1), timezone: z.string() }).strict()

describe('lazySchema', () => {
  it('builds nothing until the schema is first touched, then builds once', () => {
    let builds = 0
    const Site = lazySchema(() => {
      builds += 1
      return eagerSite
    })
    expect(builds).toBe(0)
    expect(Site.parse({ domain: 'a.example', timezone: 'Etc/UTC' })).toEqual({
      domain: 'a.example',
      timezone: 'Etc/UTC',
    })
    Site.safeParse({})
    expect(builds).toBe(1)
  })

  it('stands in for the schema as a field, under .optional() and .extend(), with the same errors', () => {
    const Site = lazySchema(() => eagerSite)
    const lazyPage = z.object({ site: Site.optional(), sites: z.array(Site) })
    const eagerPage = z.object({ site: eagerSite.optional(), sites: z.array(eagerSite) })
    const bad = { sites: [{ domain: '', timezone: 'x', extra: 1 }] }
    expect(lazyPage.safeParse(bad).error?.issues).toEqual(eagerPage.safeParse(bad).error?.issues)

    const WithId = Site.extend({ id: z.number() })
    expect(WithId.parse({ domain: 'a', timezone: 'b', id: 1 })).toEqual({ domain: 'a', timezone: 'b', id: 1 })
    expect(Object.keys(Site.shape)).toEqual(['domain', 'timezone'])
  })

  it('is a zod schema to instanceof and to the JSON Schema converter', () => {
    const Site = lazySchema(() => eagerSite)
    expect(Site).toBeInstanceOf(z.ZodObject)
    expect(z.toJSONSchema(z.object({ site: Site }))).toEqual(z.toJSONSchema(z.object({ site: eagerSite })))
  })

  it('reports a failing build where the schema is first used, not at import', () => {
    const Broken = lazySchema<z.ZodString>(() => {
      throw new Error('bad declaration')
    })
    expect(() => Broken.parse('x')).toThrow('bad declaration')
  })
})
