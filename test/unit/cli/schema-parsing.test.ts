import { config, z } from 'zod'
import { afterEach, describe, expect, it } from 'vitest'
import { interpretSchemas, parsesFewSchemas } from '../../../src/cli/schema-parsing'

describe('parsesFewSchemas', () => {
  it('interprets for a command that parses each shape once or twice', () => {
    for (const command of [
      'stats aggregate',
      'sites list',
      'events send',
      'queue inspect',
      'track',
      'status',
    ])
      expect([command, parsesFewSchemas(command)]).toEqual([command, true])
  })

  it('keeps generated parsers for a command that serves or parses line after line', () => {
    for (const command of ['ui', 'mcp', 'sandbox', 'metrics', 'events import', 'queue drain'])
      expect([command, parsesFewSchemas(command)]).toEqual([command, false])
  })
})

describe('interpretSchemas', () => {
  const before = config().jitless
  afterEach(() => void config({ jitless: before }))

  it('turns zod’s generated parsers off, with the same answers and the same errors', () => {
    const schema = () => z.object({ alias: z.string().min(1), hourlyLimit: z.number().int().positive() })
    const compiled = schema().safeParse({ alias: '', hourlyLimit: 0 })
    interpretSchemas()
    expect(config().jitless).toBe(true)
    const interpreted = schema().safeParse({ alias: '', hourlyLimit: 0 })
    expect(interpreted.error?.issues).toEqual(compiled.error?.issues)
    expect(schema().parse({ alias: 'work', hourlyLimit: 600, extra: 1 })).toEqual({
      alias: 'work',
      hourlyLimit: 600,
    })
  })
})
