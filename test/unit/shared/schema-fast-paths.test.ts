// The parsers generated from the schemas a stats read checks (schema-fast-path): the committed file is
// what the schemas compile to today, each parser answers as its schema does (the same value, keys in the
// same order, or a refusal where the schema refuses), and a schema with a fast path still reports its
// own errors. `UPDATE_FAST_PATHS=1` (npm run fast-paths) writes the file instead of comparing it.
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import * as prettier from 'prettier'
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { util } from 'zod/v4/core'
import { fastPathSchemas, generatedPath, generateFastPathSource } from '../../../scripts/schema-fast-paths'
import * as fastPaths from '../../../src/shared/schema-fast-path/generated'
import {
  codePointLength,
  INVALID,
  isPlainObject,
  withFastPath,
  type FastPath,
} from '../../../src/shared/schema-fast-path/runtime'
import { StoredConfigSchema } from '../../../src/core/accounts/config-schema'
import { DateRange } from '../../../src/shared/plausible/query'

const root = join(__dirname, '../../..')

async function formatted(source: string): Promise<string> {
  const file = join(root, generatedPath)
  const options = (await prettier.resolveConfig(file)) ?? {}
  return prettier.format(source, { ...options, filepath: file })
}

describe('generated.ts', () => {
  it('is what the schemas compile to today (npm run fast-paths writes it again)', async () => {
    const expected = await formatted(generateFastPathSource())
    const file = join(root, generatedPath)
    if (process.env.UPDATE_FAST_PATHS) writeFileSync(file, expected)
    expect(readFileSync(file, 'utf8'), `${generatedPath} is stale: run npm run fast-paths`).toBe(expected)
  })

  it('has a parser for every schema named in the script, and nothing else; each has samples below', () => {
    expect(Object.keys(fastPaths).sort()).toEqual(Object.keys(fastPathSchemas).sort())
    expect(Object.keys(samples).sort()).toEqual(Object.keys(fastPathSchemas).sort())
  })

  it('refuses a refinement it cannot name as an import, naming the schema', () => {
    const unnamed = z.string().refine((value) => value.length > 2)
    expect(() => generateFastPathSource({ Unnamed: unnamed })).toThrow(
      /Unnamed: its parser needs the function .* exported by one of the check modules/,
    )
  })
})

const alias40 = 'a'.repeat(40)
const account = { alias: 'team', baseUrl: 'https://plausible.io', hourlyLimit: 600 }
const row = (metrics: unknown[], dimensions: unknown[] = []) => ({ metrics, dimensions })
const response = (overrides: Record<string, unknown> = {}) => ({
  results: [row([17479, null, 2.36])],
  meta: {},
  query: { site_id: 'shop.example.com', metrics: ['visitors'], date_range: ['2026-11-07', '2026-12-06'] },
  ...overrides,
})

/** Inputs at each schema's edges: both sides of every bound, the optional keys present and absent. */
const samples: Record<
  'StoredConfig' | 'UsageFile' | 'DateRange' | 'StatsQueryInput' | 'V2Response',
  unknown[]
> = {
  StoredConfig: [
    { accounts: [], defaultAccount: null },
    { accounts: [account], defaultAccount: 'team' },
    { accounts: [{ ...account, alias: alias40 }], defaultAccount: null },
    { accounts: [{ ...account, alias: `${alias40}a` }], defaultAccount: null },
    { accounts: [{ ...account, alias: '-team' }], defaultAccount: null },
    { accounts: [{ ...account, baseUrl: 'x' }], defaultAccount: null },
    { accounts: [{ ...account, baseUrl: '' }], defaultAccount: null },
    { accounts: [{ ...account, hourlyLimit: 1 }], defaultAccount: null },
    { accounts: [{ ...account, hourlyLimit: 0 }], defaultAccount: null },
    { accounts: [{ ...account, hourlyLimit: 1.5 }], defaultAccount: null },
    { accounts: [{ ...account, dailyCap: 1, isDemo: true, allowInsecureHttp: false }], defaultAccount: null },
    { accounts: [{ ...account, dailyCap: undefined }], defaultAccount: null },
    { accounts: [{ ...account, dailyCap: 0 }], defaultAccount: null },
    { accounts: [{ ...account, unknown: 'dropped' }], defaultAccount: null, extra: 1 },
    { accounts: [], defaultAccount: 5 },
    { accounts: {}, defaultAccount: null },
    [],
    null,
  ],
  UsageFile: [
    { version: 1, budgets: {} },
    { version: 2, budgets: {} },
    { version: 1, budgets: { abc: { hourStart: 0, used: 3 } } },
    {
      version: 1,
      budgets: {
        abc: {
          hourStart: 1,
          used: 0,
          hours: [{ hourStart: 1, bySource: { interactive: 1, cli: 0, background: 2 } }],
        },
      },
    },
    { version: 1, budgets: { abc: { hourStart: 1, used: -1 } } },
    { version: 1, budgets: { abc: { hourStart: 1, hours: [{ hourStart: 1, bySource: { cli: -1 } }] } } },
    { version: 1, budgets: [] },
  ],
  DateRange: [
    '30d',
    '1d',
    '0d',
    '5000d',
    '5001d',
    '100mo',
    '101mo',
    'day',
    '24h',
    'all',
    'week',
    ['2026-01-01', '2026-01-01'],
    ['2026-01-02', '2026-01-01'],
    ['2026-01-01T00:00:00+01:00', '2026-01-01T10:00:00Z'],
    ['2026-01-01', '2026-01-01T10:00:00Z'],
    ['2026-01-01', '2026-01-02', '2026-01-03'],
    ['2026-01-01'],
    [1, 2],
    7,
  ],
  StatsQueryInput: [
    { query: { site_id: 'shop.example.com' } },
    { query: {}, account: 'team', wait: false },
    { query: {}, account: alias40 },
    { query: {}, account: `${alias40}a` },
    { query: {}, account: '' },
    { query: {}, wait: 'yes' },
    { query: {}, other: 1 },
    { query: [] },
    { query: null },
    { query: undefined },
    {},
    'query',
  ],
  V2Response: [
    response(),
    response({ results: [] }),
    response({
      results: [
        row([{ value: 12.5, currency: 'EUR', short: '€12.5', long: '€12.50' }], ['Germany', 3]),
        row([1], ['/']),
      ],
    }),
    response({
      meta: {
        imports_included: true,
        metric_warnings: { total_revenue: { code: 'no_revenue_goals_matching', warning: 'w' } },
        time_labels: ['2026-12-01'],
        total_rows: 0,
        from_a_newer_server: { kept: true },
      },
    }),
    response({ meta: { total_rows: -1 } }),
    response({ meta: { total_rows: 1.5 } }),
    response({ results: [row(['17479'])] }),
    response({ results: [row([Number.NaN])] }),
    response({ results: [row([1], [true])] }),
    response({ query: { site_id: 'x', filters: [['is', 'event:page', ['/']]], extra: 1 } }),
    response({ query: {} }),
    { results: [] },
  ],
}

describe.each(Object.keys(samples) as (keyof typeof samples)[])('the %s parser', (name) => {
  const schema = fastPathSchemas[name]!
  const fastPath = (fastPaths as Record<string, FastPath>)[name]!

  it.each(samples[name].map((input) => [JSON.stringify(input) ?? String(input), input]))(
    'answers %s as the schema does',
    (_, input) => {
      // z.safeParse runs the schema itself, not the fast path its parse methods ask first.
      const expected = z.safeParse(schema as z.ZodType, input)
      const answer = fastPath(input)
      if (!expected.success) {
        expect(answer).toBe(INVALID)
        return
      }
      expect(answer).toStrictEqual(expected.data)
      expect(JSON.stringify(answer)).toBe(JSON.stringify(expected.data))
    },
  )

  it('accepts some sample and refuses another: the edges above are on both sides', () => {
    const answers = samples[name].map((input) => fastPath(input) === INVALID)
    expect(answers).toContain(true)
    expect(answers).toContain(false)
  })
})

describe('withFastPath', () => {
  const schema = z.object({ n: z.number().int() })
  const counted = (answer: (input: unknown) => unknown) => {
    const calls: unknown[] = []
    const fastPath: FastPath = (input) => {
      calls.push(input)
      return answer(input)
    }
    return { calls, fastPath }
  }

  it("returns the fast path's value without asking the schema", () => {
    const { calls, fastPath } = counted(() => ({ n: 7 }))
    const fast = withFastPath(schema, fastPath)
    expect(fast.parse({ n: 1 })).toEqual({ n: 7 })
    expect(fast.safeParse({ n: 1 })).toEqual({ success: true, data: { n: 7 } })
    expect(calls).toHaveLength(2)
  })

  it("gives a refusal or a throw to the schema, whose error is the caller's", () => {
    for (const answer of [
      () => INVALID,
      () => {
        throw new Error('a refinement threw')
      },
    ]) {
      const fast = withFastPath(schema, answer)
      const result = fast.safeParse({ n: 1.5 })
      expect(result.success).toBe(false)
      expect(result.error?.issues[0]?.path).toEqual(['n'])
      expect(() => fast.parse({ n: 'x' })).toThrow(z.ZodError)
      expect(fast.parse({ n: 2 })).toEqual({ n: 2 })
    }
  })

  it('leaves a parse with options, and everything but parse and safeParse, to the schema', () => {
    const { calls, fastPath } = counted(() => ({ n: 7 }))
    const fast = withFastPath(schema, fastPath)
    expect(fast.safeParse({ n: 1 }, { reportInput: true })).toEqual({ success: true, data: { n: 1 } })
    expect(fast.optional().parse(undefined)).toBeUndefined()
    expect(z.object({ inner: fast }).parse({ inner: { n: 3 } })).toEqual({ inner: { n: 3 } })
    expect(calls).toEqual([])
  })

  it("on the real schemas: a refusal still reads as the schema's own message", () => {
    const parsed = DateRange.safeParse(['2026-01-02', '2026-01-01'])
    expect(parsed.success).toBe(false)
    expect(parsed.error?.issues[0]?.message).toBe('The date range ends before it starts')
    expect(StoredConfigSchema.safeParse({ accounts: [{}], defaultAccount: null }).success).toBe(false)
  })
})

describe("the helpers mean what zod's do", () => {
  const texts = ['', 'abc', '😀', 'a😀b', '\ud800', '\udc00\ud800', '\ud83d\ude00\ud83d', 'é']
  it.each(texts.map((text) => [JSON.stringify(text), text]))('codePointLength(%s)', (_, text) => {
    expect(codePointLength(text)).toBe(util.codePointLength(text))
  })

  class Made {}
  function Maker() {}
  const values: [string, unknown][] = [
    ['{}', {}],
    ['a null-prototype object', Object.create(null)],
    ['[]', []],
    ['null', null],
    ['a string', 'x'],
    ['a Date', new Date(0)],
    ['a class instance', new Made()],
    ['a constructor field that is not a function', { constructor: 1 }],
    ['a constructor field whose prototype lacks isPrototypeOf', { constructor: Maker }],
    [
      'a constructor field whose prototype is not an object',
      { constructor: Object.assign(() => {}, { prototype: 1 }) },
    ],
  ]
  it.each(values)('isPlainObject(%s)', (_, value) => {
    expect(isPlainObject(value)).toBe(util.isPlainObject(value))
  })
})
