// `plausible ui` run in-process with a fake context: what it prints, what it serves, and that it closes.
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PassThrough, Writable } from 'node:stream'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { CliContext } from '../../src/cli/context'
import type { Core } from '../../src/core/core'
import { runUi } from '../../src/cli/commands/ui-action'
import { PlausibleError } from '../../src/shared/errors'
import { createFakeHandlers } from '../helpers/contract-samples'
import { openGlance } from '../../src/core/glance/glance'
import { fakeHandlerDeps } from '../helpers/fake-handler-deps'

function capture(): { stream: PassThrough; text: () => string } {
  const stream = new PassThrough()
  let text = ''
  stream.on('data', (chunk: Buffer) => (text += chunk.toString()))
  return { stream, text: () => text }
}

let rendererDir: string
let closed: string[]
let out: ReturnType<typeof capture>
let err: ReturnType<typeof capture>

function context(dir = rendererDir): CliContext {
  return {
    env: {},
    stdout: out.stream,
    stderr: err.stream,
    configDir: '/nonexistent',
    rendererDir: dir,
    openCore: async (options) => {
      expect(options).toEqual({ addDemoIfEmpty: true })
      // `plausible ui` uses the handlers and close() of the core it opens, and starts the scheduled
      // reports (none in this folder) and the metrics endpoint (its choice in glance.json: off, so
      // nothing listens) from the core's handler deps.
      const glance = openGlance({ configDir: dir, now: Date.now })
      return {
        handlers: createFakeHandlers().handlers,
        handlersFor: () => createFakeHandlers().handlers,
        handlerDeps: fakeHandlerDeps({ configDir: dir, glance }),
        glance,
        configDir: '/nonexistent',
        close: async () => void closed.push('core'),
      } as unknown as Core
    },
    connect: async () => {
      throw new Error('plausible ui opens its own core')
    },
  }
}

/** A stop signal the test fires, standing in for SIGINT/SIGTERM. */
function manualStop(): { stop: () => Promise<void>; fire: () => void; waiting: Promise<void> } {
  let fire = (): void => undefined
  let markWaiting = (): void => undefined
  const waiting = new Promise<void>((resolve) => (markWaiting = resolve))
  const stopped = new Promise<void>((resolve) => (fire = resolve))
  return {
    stop: () => {
      markWaiting()
      return stopped
    },
    fire: () => fire(),
    waiting,
  }
}

beforeEach(async () => {
  rendererDir = await mkdtemp(join(tmpdir(), 'ui-command-'))
  await writeFile(join(rendererDir, 'index.html'), '<!doctype html><title>dashboard</title>')
  closed = []
  out = capture()
  err = capture()
})

afterEach(async () => {
  await rm(rendererDir, { recursive: true, force: true })
})

describe('plausible ui', () => {
  it('prints one JSON line with the URL and port once listening, serves the page, and closes on the signal', async () => {
    const signal = manualStop()
    const running = runUi(context(), { port: 0, json: true }, signal.stop)
    await signal.waiting

    const line = JSON.parse(out.text().trim()) as { url: string; port: number }
    expect(Object.keys(line)).toEqual(['url', 'port'])
    expect(line.url).toBe(
      `http://127.0.0.1:${line.port}/?token=${new URL(line.url).searchParams.get('token')}`,
    )
    const page = await fetch(line.url)
    expect(await page.text()).toContain('<title>dashboard</title>')

    signal.fire()
    await running
    expect(closed).toEqual(['core'])
    await expect(fetch(line.url)).rejects.toThrow()
  })

  it('prints the URL for people, with the how-to-stop line on stderr', async () => {
    const signal = manualStop()
    const running = runUi(context(), { port: 0 }, signal.stop)
    await signal.waiting
    expect(out.text()).toMatch(/^Plausible dashboard: http:\/\/127\.0\.0\.1:\d+\/\?token=\S+\n$/)
    expect(err.text()).toContain('Ctrl+C')
    signal.fire()
    await running
  })

  it('listens for the stop before it prints the URL (its reader may stop it at once)', async () => {
    const events: string[] = []
    const stdout = new Writable({
      write(_chunk, _encoding, done) {
        events.push('printed')
        done()
      },
    })
    await runUi({ ...context(), stdout }, { port: 0, json: true }, async () => void events.push('listening'))
    expect(events).toEqual(['listening', 'printed'])
    expect(closed).toEqual(['core'])
  })

  it('fails with a hint when the renderer was not built, before opening the core', async () => {
    const missing = join(rendererDir, 'nothing-here')
    const failure = await runUi(context(missing), { port: 0 }, async () => undefined).catch(
      (error: unknown) => error,
    )
    expect(failure).toBeInstanceOf(PlausibleError)
    expect((failure as PlausibleError).hint).toContain('npm run build')
    expect(closed).toEqual([])
  })
})
