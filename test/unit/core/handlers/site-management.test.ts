import { mkdtempSync, readdirSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { openCore, type Core } from '../../../../src/core/core'
import { dispatch } from '../../../../src/core/dispatch'
import { createJournal } from '../../../../src/core/queue/journal'
import { siteWriteJobKind } from '../../../../src/core/queue/site-writes'
import { startSandbox, type RunningSandbox } from '../../../../src/core/sandbox'

let cloud: RunningSandbox
let ce: RunningSandbox
const cores: Core[] = []

beforeAll(async () => {
  ;[cloud, ce] = await Promise.all([startSandbox({ port: 0 }), startSandbox({ port: 0, mode: 'ce' })])
})
afterAll(async () => {
  await Promise.all([cloud.close(), ce.close()])
})
afterEach(async () => {
  for (const core of cores.splice(0)) await core.close()
})

const tempDir = (): string => mkdtempSync(join(tmpdir(), 'site-management-'))

async function coreOn(
  options: { configDir?: string; baseUrl?: string; apiKey?: string; dryRun?: boolean } = {},
): Promise<Core> {
  const core = await openCore({
    configDir: options.configDir ?? tempDir(),
    env: {
      PLAUSIBLE_API_KEY: options.apiKey ?? cloud.apiKey,
      PLAUSIBLE_BASE_URL: options.baseUrl ?? cloud.baseUrl,
      PLAUSIBLE_SECRET_STORE: 'file',
    },
    ...(options.dryRun ? { dryRun: true } : {}),
  })
  cores.push(core)
  return core
}

const call = (core: Core, name: string, input: unknown) => dispatch(core.handlers, name, input)

/** A `props add` as a crashed or another process journals it for the env account, on the cloud sandbox. */
const propAddJob = (id: string, site: string, property: string) => ({
  id,
  kind: siteWriteJobKind,
  account: 'env',
  payload: {
    account: 'env',
    baseUrl: cloud.baseUrl,
    priority: 'cli',
    write: { op: 'prop.add', site, property },
  },
})

describe('Sites API writes through the journal', () => {
  it('answers goals.add with the server goal, and the done job keeps that answer', async () => {
    const configDir = tempDir()
    const core = await coreOn({ configDir })
    const wire = await call(core, 'goals.add', {
      site: 'shop.example.com',
      goalType: 'event',
      eventName: 'Journaled signup',
    })
    expect(wire).toMatchObject({
      ok: true,
      value: {
        account: 'env',
        site: 'shop.example.com',
        goal: {
          displayName: 'Journaled signup',
          goalType: 'event',
          eventName: 'Journaled signup',
          pagePath: null,
        },
      },
    })
    const done = readdirSync(join(configDir, 'queue', 'done'))
    expect(done).toHaveLength(1)
    expect(done[0]).toMatch(/^goal-add-/)
    const job = JSON.parse(readFileSync(join(configDir, 'queue', 'done', done[0]!), 'utf8')) as {
      kind: string
      outcome: { ok: boolean; value: { display_name: string } }
    }
    expect(job.kind).toBe(siteWriteJobKind)
    expect(job.outcome).toMatchObject({ ok: true, value: { display_name: 'Journaled signup' } })
    expect(readdirSync(join(configDir, 'queue', 'pending'))).toEqual([])
  })

  it('finds the same goal again instead of creating a second one', async () => {
    const core = await coreOn()
    const input = { site: 'shop.example.com', goalType: 'page', pagePath: '/twice' }
    const first = (await call(core, 'goals.add', input)) as { ok: true; value: { goal: { id: number } } }
    const second = (await call(core, 'goals.add', input)) as { ok: true; value: { goal: { id: number } } }
    expect(second.value.goal.id).toBe(first.value.goal.id)
  })

  it('sends a write a crashed process left in the journal when the next core opens', async () => {
    const configDir = tempDir()
    // What a process that died after journaling `props add` leaves behind.
    const journal = createJournal({ dir: join(configDir, 'queue') })
    await journal.add({
      ...propAddJob('prop-add-left-by-a-crash', 'blog.example.org', 'resumed'),
      createdAt: Date.now(),
      attempts: 0,
      nextAttemptAt: Date.now(),
      lastError: null,
    })
    const core = await coreOn({ configDir })
    await core.queue.drain()
    const wire = await call(core, 'props.list', { site: 'blog.example.org' })
    expect(wire).toMatchObject({ ok: true, value: { properties: expect.arrayContaining(['resumed']) } })
    expect(await journal.find('prop-add-left-by-a-crash')).toMatchObject({
      state: 'done',
      job: { outcome: { ok: true, value: { created: true } } },
    })
  })

  it('gives the caller the server refusal in full and leaves no failed job behind', async () => {
    const configDir = tempDir()
    const core = await coreOn({ configDir })
    const wire = await call(core, 'goals.remove', { site: 'shop.example.com', goalId: 999_999 })
    expect(wire).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND', details: { status: 404, serverMessage: 'Goal could not be found' } },
    })
    expect(readdirSync(join(configDir, 'queue', 'failed'))).toEqual([])
  })

  it('describes a dry-run write and journals nothing', async () => {
    const configDir = tempDir()
    const core = await coreOn({ configDir, dryRun: true })
    const wire = await call(core, 'sites.delete', { site: 'docs.example.net' })
    expect(wire).toMatchObject({
      ok: false,
      error: {
        code: 'DRY_RUN',
        details: { request: { method: 'DELETE', url: `${cloud.baseUrl}/api/v1/sites/docs.example.net` } },
      },
    })
    const queueDir = join(configDir, 'queue')
    const files = ['pending', 'done', 'failed'].flatMap((folder) => {
      try {
        return readdirSync(join(queueDir, folder))
      } catch {
        return []
      }
    })
    expect(files).toEqual([])
  })

  it('with wait false, answers BUDGET_EXHAUSTED for a write the hour cannot afford and keeps it journaled', async () => {
    const configDir = tempDir()
    const core = await openCore({
      configDir,
      env: {
        PLAUSIBLE_API_KEY: cloud.apiKey,
        PLAUSIBLE_BASE_URL: cloud.baseUrl,
        PLAUSIBLE_HOURLY_LIMIT: '1',
        PLAUSIBLE_SECRET_STORE: 'file',
      },
    })
    cores.push(core)
    expect(await call(core, 'props.list', { site: 'shop.example.com' })).toMatchObject({ ok: true })
    const wire = await call(core, 'props.add', { site: 'shop.example.com', property: 'later', wait: false })
    expect(wire).toMatchObject({ ok: false, error: { code: 'BUDGET_EXHAUSTED' } })
    expect((wire as { error: { message: string } }).error.message).toMatch(
      /the change stays queued \(job prop-add-[0-9a-f-]+\) and is sent at \d\d:00 UTC\.$/,
    )
    // The queue may still be rewriting the job (its next try at the reset): skip that temp file.
    const pending = readdirSync(join(configDir, 'queue', 'pending')).filter((name) => !name.startsWith('.'))
    expect(pending).toEqual([expect.stringMatching(/^prop-add-[0-9a-f-]+\.json$/)])
  })

  it('answers SCOPE_REQUIRED for a write with a stats-only key', async () => {
    const core = await coreOn({ apiKey: cloud.statsOnlyKey })
    const wire = await call(core, 'props.add', { site: 'shop.example.com', property: 'nope' })
    expect(wire).toMatchObject({ ok: false, error: { code: 'SCOPE_REQUIRED' } })
  })
})

describe('goals.list and props.list', () => {
  const used = async (core: Core): Promise<number> =>
    ((await call(core, 'budget.status', {})) as { value: { usedThisHour: number } }).value.usedThisHour

  it('answer a second ask from the read cache, and ask again after a write changed the list', async () => {
    const core = await coreOn()
    const site = 'blog.example.org'
    await call(core, 'props.list', { site })
    await call(core, 'goals.list', { site })
    const afterFirst = await used(core)
    expect(await call(core, 'props.list', { site })).toMatchObject({ ok: true })
    expect(await call(core, 'goals.list', { site })).toMatchObject({ ok: true })
    expect(await used(core)).toBe(afterFirst)

    await call(core, 'props.add', { site, property: 'cached_then_added' })
    expect(await call(core, 'props.list', { site })).toMatchObject({
      ok: true,
      value: { properties: expect.arrayContaining(['cached_then_added']) },
    })
    const added = (await call(core, 'goals.add', {
      site,
      goalType: 'event',
      eventName: 'Cached then added',
    })) as {
      value: { goal: { id: number } }
    }
    expect(await call(core, 'goals.list', { site })).toMatchObject({
      ok: true,
      value: {
        goals: expect.arrayContaining([expect.objectContaining({ displayName: 'Cached then added' })]),
      },
    })
    await call(core, 'goals.remove', { site, goalId: added.value.goal.id })
    const listed = (await call(core, 'goals.list', { site })) as { value: { goals: Array<{ id: number }> } }
    expect(listed.value.goals.map((goal) => goal.id)).not.toContain(added.value.goal.id)
  })

  it('ask again after a write the queue delivered with no caller waiting (one a crash left behind)', async () => {
    const core = await coreOn()
    const site = 'shop.example.com'
    expect(await call(core, 'props.list', { site })).toMatchObject({ ok: true })
    // Journaled straight into the queue, as a resumed job is: no handler waits for its answer.
    await core.queue.enqueue(propAddJob('prop-add-behind-the-cache', site, 'behind_the_cache'))
    await core.queue.drain()
    expect(await call(core, 'props.list', { site })).toMatchObject({
      ok: true,
      value: { properties: expect.arrayContaining(['behind_the_cache']) },
    })
  })
})

describe('capabilities.get', () => {
  it('probes once per account and answers the second call from the process cache', async () => {
    const core = await coreOn()
    const first = await call(core, 'capabilities.get', {})
    const second = await call(core, 'capabilities.get', {})
    expect(first).toMatchObject({
      ok: true,
      value: { sitesApi: 'available', keyKind: 'provisioning', statsV2: true, isCached: false },
    })
    expect((first as { value: { keyedRequests: number } }).value.keyedRequests).toBeGreaterThan(0)
    expect(second).toMatchObject({ ok: true, value: { isCached: true, keyedRequests: 0 } })
  })

  it('says a CE server has no Sites API, and later writes fail with that sentence without a request', async () => {
    const core = await coreOn({ baseUrl: ce.baseUrl, apiKey: ce.apiKey })
    const probe = await call(core, 'capabilities.get', {})
    expect(probe).toMatchObject({
      ok: true,
      value: {
        sitesApi: 'absent',
        sentences: expect.arrayContaining([
          'This server has no Sites API (self-hosted Plausible CE removed it in v2.1): manage sites, goals and guests in its dashboard.',
        ]),
      },
    })
    const before = (await call(core, 'budget.status', {})) as { value: { usedThisHour: number } }
    const write = await call(core, 'goals.add', {
      site: 'shop.example.com',
      goalType: 'event',
      eventName: 'X',
    })
    expect(write).toMatchObject({
      ok: false,
      error: {
        code: 'NOT_SUPPORTED',
        message: 'This server has no Sites API (self-hosted Plausible CE removed it in v2.1).',
      },
    })
    const after = (await call(core, 'budget.status', {})) as { value: { usedThisHour: number } }
    expect(after.value.usedThisHour).toBe(before.value.usedThisHour)
  })
})

describe('site reads and plan errors', () => {
  it('maps the site object to camelCase, tracker switches included', async () => {
    const core = await coreOn()
    const wire = await call(core, 'sites.get', { site: 'shop.example.com' })
    expect(wire).toMatchObject({
      ok: true,
      value: {
        site: {
          domain: 'shop.example.com',
          timezone: 'Europe/Berlin',
          trackerScript: { id: expect.stringMatching(/^pa-/), track404Pages: false, outboundLinks: false },
        },
      },
    })
  })

  it('answers PLAN_REQUIRED naming shared links when the plan lacks them', async () => {
    const sandbox = await startSandbox({ port: 0 })
    try {
      sandbox.setPlan('docs.example.net', { sharedLinks: false })
      const core = await coreOn({ baseUrl: sandbox.baseUrl, apiKey: sandbox.apiKey })
      const wire = await call(core, 'sharedLinks.create', { site: 'docs.example.net', name: 'Board' })
      expect(wire).toMatchObject({
        ok: false,
        error: { code: 'PLAN_REQUIRED', details: { status: 402 } },
      })
      expect((wire as { error: { message: string } }).error.message).toMatch(
        /^This site's plan does not include shared links\./,
      )
    } finally {
      await sandbox.close()
    }
  })
})

describe('status.get and doctor.run', () => {
  it('lists each account with its budget and the journal counts, sending nothing', async () => {
    const core = await coreOn()
    const wire = await call(core, 'status.get', {})
    expect(wire).toMatchObject({
      ok: true,
      value: {
        defaultAccount: 'env',
        accounts: [{ alias: 'env', keySource: 'env', budget: { hourlyLimit: 600, usedThisHour: 0 } }],
        queue: { isDelivering: true, pending: 0, inFlight: 0, failed: 0 },
      },
    })
  })

  it('reports reachability, clock, capabilities and budget ok for a healthy account', async () => {
    const core = await coreOn()
    const wire = (await call(core, 'doctor.run', { account: 'env' })) as {
      ok: true
      value: { fail: number; checks: Array<{ check: string; account: string | null; status: string }> }
    }
    expect(wire.ok).toBe(true)
    const forAccount = wire.value.checks.filter((check) => check.account === 'env')
    expect(forAccount.map(({ check, status }) => [check, status])).toEqual([
      ['reachability', 'ok'],
      ['clock', 'ok'],
      ['capabilities', 'ok'],
      ['budget', 'ok'],
    ])
    expect(wire.value.fail).toBe(0)
  })

  it('fails the capabilities check of a refused key', async () => {
    const core = await coreOn({ apiKey: 'wrong-key-0123456789abcdefghijkl' })
    const wire = (await call(core, 'doctor.run', { account: 'env' })) as {
      value: { fail: number; checks: Array<{ check: string; status: string; message: string }> }
    }
    expect(wire.value.checks.find((check) => check.check === 'capabilities')).toMatchObject({
      status: 'fail',
      message: expect.stringContaining('The API key was refused'),
    })
    expect(wire.value.fail).toBe(1)
  })
})
