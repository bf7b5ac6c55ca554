import { mkdtempSync, readdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openCore, type Core } from '../../../../src/core/core'
import { dispatch } from '../../../../src/core/dispatch'
import { startSandbox, type RunningSandbox } from '../../../../src/core/sandbox'

const browser =
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.6 Safari/605.1.15'
const headless = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 HeadlessChrome/131.0.0.0 Safari/537.36'

let sandbox: RunningSandbox
const cores: Core[] = []

beforeEach(async () => {
  sandbox = await startSandbox({ port: 0 })
})
afterEach(async () => {
  for (const core of cores.splice(0)) await core.close()
  await sandbox.close()
})

async function coreOn(configDir: string, baseUrl = sandbox.baseUrl, dryRun = false): Promise<Core> {
  const core = await openCore({
    configDir,
    env: { PLAUSIBLE_API_KEY: sandbox.apiKey, PLAUSIBLE_BASE_URL: baseUrl, PLAUSIBLE_SECRET_STORE: 'file' },
    ...(dryRun ? { dryRun: true } : {}),
  })
  cores.push(core)
  return core
}

const send = (core: Core, input: unknown) => dispatch(core.handlers, 'events.send', input)

describe('events.send', () => {
  it('answers accepted once the server took the event, and the journal holds it as done', async () => {
    const configDir = mkdtempSync(join(tmpdir(), 'events-send-'))
    const core = await coreOn(configDir)
    const wire = await send(core, {
      event: { name: 'Signup', url: 'https://shop.example.com/register', props: { plan: 'pro' } },
      userAgent: browser,
    })
    expect(wire).toEqual({ ok: true, value: { status: 'accepted', jobId: expect.stringMatching(/^send-/) } })
    expect(readdirSync(join(configDir, 'queue', 'pending'))).toEqual([])
  })

  it('sends an event with an idempotency key once: the same key again answers the first receipt', async () => {
    const core = await coreOn(mkdtempSync(join(tmpdir(), 'events-send-')))
    const input = {
      event: { name: 'Signup', url: 'https://shop.example.com/once' },
      userAgent: browser,
      idempotencyKey: 'import-0123abcd-7',
    }
    const first = await send(core, input)
    expect(first).toEqual({
      ok: true,
      value: { status: 'accepted', jobId: expect.stringMatching(/^event-/) },
    })
    const again = await send(core, input)
    expect(again).toEqual({
      ok: true,
      value: {
        status: 'accepted',
        jobId: (first as { value: { jobId: string } }).value.jobId,
        isRepeat: true,
      },
    })
    expect(sandbox.events().received).toBe(1)
    const other = await send(core, { ...input, idempotencyKey: 'import-0123abcd-8' })
    expect(other).toMatchObject({ ok: true, value: { status: 'accepted' } })
    expect(sandbox.events().received).toBe(2)
    expect(await send(core, { ...input, idempotencyKey: 'has spaces' })).toMatchObject({
      ok: false,
      error: { code: 'USAGE' },
    })
  })

  it('answers dropped with the count the server put in x-plausible-dropped', async () => {
    const core = await coreOn(mkdtempSync(join(tmpdir(), 'events-send-')))
    const wire = await send(core, {
      event: { name: 'pageview', url: 'https://shop.example.com/' },
      userAgent: headless,
    })
    expect(wire).toMatchObject({ ok: true, value: { status: 'dropped', dropped: 1 } })
  })

  it('refuses a bad event field by field before journaling it', async () => {
    const configDir = mkdtempSync(join(tmpdir(), 'events-send-'))
    const core = await coreOn(configDir)
    const wire = await send(core, { event: { name: '', url: 'data:text/plain,hi' } })
    expect(wire).toMatchObject({
      ok: false,
      error: {
        code: 'EVENT_INVALID',
        details: {
          fieldErrors: {
            domain: ["can't be blank"],
            event_name: ["can't be blank"],
            url: ['scheme is not allowed'],
          },
        },
      },
    })
    expect(readdirSync(join(configDir, 'queue', 'pending'))).toEqual([])
  })

  it('describes the request under --dry-run and journals nothing', async () => {
    const configDir = mkdtempSync(join(tmpdir(), 'events-send-'))
    const core = await coreOn(configDir, sandbox.baseUrl, true)
    const wire = await send(core, {
      event: { name: 'pageview', url: 'https://shop.example.com/' },
      forwardedFor: '203.0.113.7',
    })
    expect(wire).toMatchObject({
      ok: false,
      error: {
        code: 'DRY_RUN',
        details: {
          request: {
            method: 'POST',
            url: `${sandbox.baseUrl}/api/event`,
            headers: { 'x-forwarded-for': '203.0.113.7' },
            body: { name: 'pageview', url: 'https://shop.example.com/' },
          },
        },
      },
    })
    expect(readdirSync(configDir)).not.toContain('queue')
  })

  it('answers queued with the retry when the server cannot be reached, keeping the event journaled', async () => {
    const configDir = mkdtempSync(join(tmpdir(), 'events-send-'))
    const core = await coreOn(configDir, 'http://127.0.0.1:9')
    const wire = await send(core, { event: { name: 'pageview', url: 'https://shop.example.com/' } })
    expect(wire).toMatchObject({
      ok: true,
      value: { status: 'queued', retry: { code: 'NETWORK', nextAttemptAt: expect.any(String) } },
    })
    const jobId = (wire as { value: { jobId: string } }).value.jobId
    expect(readdirSync(join(configDir, 'queue', 'pending'))).toEqual([`${jobId}.json`])
  })

  it('reads the receipt from the journal when another process delivers it', async () => {
    const configDir = mkdtempSync(join(tmpdir(), 'events-send-'))
    await coreOn(configDir) // holds the worker lock, like the running app
    const second = await coreOn(configDir)
    expect((await second.queue.snapshot()).isDelivering).toBe(false)
    const wire = await send(second, {
      event: { name: 'pageview', url: 'https://shop.example.com/' },
      userAgent: headless,
    })
    expect(wire).toMatchObject({ ok: true, value: { status: 'dropped', dropped: 1 } })
  })
})
