// What one read costs the config folder (issue 14, "one request, no waste"): a stats query through the
// core at CLI priority takes one lock (usage.json's) and writes one file (usage.json), and the request
// history is appended to after the answer, by close(), never on the way to it. Every call of the core's that
// changes the file system is watched; reads are free to happen.
import type * as fs from 'node:fs'
import { mkdtempSync, readFileSync } from 'node:fs'
import type * as fsPromises from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { basename, join } from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { openCore, type Core } from '../../../src/core/core'
import type { Fetch } from '../../../src/core/ports'
import type { ContractHandlers } from '../../../src/shared/contract'

/**
 * The file system changes made while `watching.dir` is set (calls that succeeded): `<call> <name>`. A
 * write on a descriptor is named by the path the descriptor was opened with.
 */
const watching = vi.hoisted(() => ({
  dir: null as string | null,
  changes: [] as string[],
  opened: new Map<number, string>(),
}))

function note(call: string, target: unknown): void {
  const dir = watching.dir
  const path = typeof target === 'number' ? watching.opened.get(target) : target
  if (dir === null || typeof path !== 'string' || !path.startsWith(dir)) return
  // Temp names carry a pid and random bytes: one shape per kind of file.
  watching.changes.push(
    `${call} ${basename(path).replace(/\.[0-9]+\.[0-9a-f]{8}\.tmp$|\.[0-9a-f]{16}\.tmp$/, '.*.tmp')}`,
  )
}

const isWriting = (flags: unknown): boolean => typeof flags === 'string' && /[wa+]/.test(flags)

vi.mock('node:fs', async (importOriginal) => {
  const actual = await importOriginal<typeof fs>()
  return {
    ...actual,
    writeFileSync: (...args: Parameters<typeof actual.writeFileSync>) => {
      const result = actual.writeFileSync(...args)
      note('writeFile', args[0])
      return result
    },
    writeSync: (...args: Parameters<typeof actual.writeSync>) => {
      const result = actual.writeSync(...args)
      note('write', args[0])
      return result
    },
    openSync: (...args: Parameters<typeof actual.openSync>) => {
      const result = actual.openSync(...args)
      if (isWriting(args[1])) {
        if (typeof args[0] === 'string') watching.opened.set(result, args[0])
        note('open', args[0])
      }
      return result
    },
    linkSync: (...args: Parameters<typeof actual.linkSync>) => {
      const result = actual.linkSync(...args)
      note('link', args[1])
      return result
    },
    renameSync: (...args: Parameters<typeof actual.renameSync>) => {
      const result = actual.renameSync(...args)
      note('rename', args[1])
      return result
    },
    unlinkSync: (...args: Parameters<typeof actual.unlinkSync>) => {
      const result = actual.unlinkSync(...args)
      note('unlink', args[0])
      return result
    },
  }
})
vi.mock('node:fs/promises', async (importOriginal) => {
  const actual = await importOriginal<typeof fsPromises>()
  return {
    ...actual,
    writeFile: async (...args: Parameters<typeof actual.writeFile>) => {
      const result = await actual.writeFile(...args)
      note('writeFile', args[0])
      return result
    },
    open: async (...args: Parameters<typeof actual.open>) => {
      const result = await actual.open(...args)
      if (isWriting(args[1])) note('open', args[0])
      return result
    },
    link: async (...args: Parameters<typeof actual.link>) => {
      const result = await actual.link(...args)
      note('link', args[1])
      return result
    },
    rename: async (...args: Parameters<typeof actual.rename>) => {
      const result = await actual.rename(...args)
      note('rename', args[1])
      return result
    },
    unlink: async (...args: Parameters<typeof actual.unlink>) => {
      const result = await actual.unlink(...args)
      note('unlink', args[0])
      return result
    },
    appendFile: async (...args: Parameters<typeof actual.appendFile>) => {
      const result = await actual.appendFile(...args)
      note('appendFile', args[0])
      return result
    },
  }
})

/** A Plausible server that answers every v2 query at once. */
const server: Fetch = async (_input, init) => {
  const body = JSON.parse(String(init?.body)) as { site_id: string }
  return Response.json({
    results: [{ metrics: [42], dimensions: [] }],
    meta: {},
    query: { site_id: body.site_id },
  })
}

let core: Core | undefined
/** From now on, the changes in `dir` are noted (and only those). */
function watch(dir: string): void {
  watching.dir = dir
  watching.changes = []
}

afterEach(async () => {
  watching.dir = null
  await core?.close()
  core = undefined
})

async function cliCore(): Promise<{ core: Core; dir: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'request-cost-'))
  core = await openCore({
    configDir: dir,
    env: {
      PLAUSIBLE_BASE_URL: 'https://plausible.example.com',
      PLAUSIBLE_API_KEY: 'pk_test_0123456789abcdefghijklmnopqrstuvwxyz',
      PLAUSIBLE_HOURLY_LIMIT: '600',
    },
    fetch: server,
    face: 'cli',
    deliverJournal: false,
  })
  return { core, dir }
}

/** A query no earlier one asked (the read cache answers none): a page filter of its own. */
const query = (path: string): Parameters<ContractHandlers['stats.query']>[0] => ({
  query: {
    site_id: 'example.com',
    metrics: ['visitors'],
    date_range: '7d',
    filters: [['contains', 'event:page', [path]]],
  },
})

describe('one stats query through the core at CLI priority', () => {
  it('takes one lock and writes one file, usage.json, on its way to the answer', async () => {
    const { core, dir } = await cliCore()
    watch(dir)
    const answer = await core.handlersFor('cli')['stats.query'](query('/first'))
    expect(answer.results).toEqual([{ metrics: [42], dimensions: [] }])
    expect(watching.changes).toEqual([
      // The lock: this process's holder file (made once, kept while it lives) linked to the lock's name.
      'open .usage.json.lock.*.tmp',
      'write .usage.json.lock.*.tmp',
      'link usage.json.lock',
      // The ledger's one write: a temp file that takes usage.json's name (the first one: no old file).
      'open .usage.json.*.tmp',
      'writeFile .usage.json.*.tmp',
      'rename usage.json',
      // The lock released.
      'unlink usage.json.lock',
    ])
    const usage = JSON.parse(readFileSync(join(dir, 'usage.json'), 'utf8')) as {
      budgets: Record<string, { usedThisHour: number }>
    }
    expect(Object.values(usage.budgets).map((budget) => budget.usedThisHour)).toEqual([1])
  })

  it('costs the next query one lock and one write too, the history still waiting', async () => {
    const { core, dir } = await cliCore()
    const handlers = core.handlersFor('cli')
    await handlers['stats.query'](query('/first'))
    watch(dir)
    await handlers['stats.query'](query('/second'))
    expect(watching.changes).toEqual([
      // The holder file exists already: taking the lock is its holder rewritten and one link.
      'write .usage.json.lock.*.tmp',
      'link usage.json.lock',
      // The one write: usage.json is still the file this process put there (opened under its temp
      // name, kept open), so it is overwritten in place; the folder does not change.
      'write .usage.json.*.tmp',
      'unlink usage.json.lock',
    ])
    const usage = JSON.parse(readFileSync(join(dir, 'usage.json'), 'utf8')) as {
      budgets: Record<string, { usedThisHour: number }>
    }
    expect(Object.values(usage.budgets).map((budget) => budget.usedThisHour)).toEqual([2])
  })

  it('writes the request history after the answer, when the core closes: one append', async () => {
    const { core: opened, dir } = await cliCore()
    watch(dir)
    await opened.handlersFor('cli')['stats.query'](query('/first'))
    // The exchange is recorded once its body has been read, a moment after the answer.
    await new Promise((resolve) => setTimeout(resolve, 20))
    expect(watching.changes.some((change) => change.includes('http-history'))).toBe(false)
    watching.changes = []
    await opened.close()
    core = undefined
    // One append (opened for appending, one write): no lock, nothing read, nothing renamed.
    expect(watching.changes.filter((change) => change.includes('http-history'))).toEqual([
      'open http-history.json',
      'writeFile http-history.json',
    ])
    const lines = readFileSync(join(dir, 'http-history.json'), 'utf8').split('\n')
    expect(lines.at(-1)).toBe('')
    const history = lines.slice(0, -1).map((line) => JSON.parse(line) as { url: string; status: number })
    expect(history.map(({ url, status }) => `${status} ${url}`)).toEqual([
      '200 https://plausible.example.com/api/v2/query',
    ])
  })
})
