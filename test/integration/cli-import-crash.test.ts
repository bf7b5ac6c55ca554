// At-least-once, made visible: `plausible events import` of 1,000 events against a `plausible sandbox`
// in its own process, the importer killed with SIGKILL mid-way (twice), then run again to completion.
// Counted on the sandbox's /_sandbox/events: no event is lost, an event arrives at most twice, and every
// event that arrived twice was flagged possibly delivered by the journal (a kill between a request and
// its acknowledgement is the one repeat the Events API, with no idempotency key, cannot prevent). Up to
// eight sends are in flight at once (the write queue's concurrency), so a kill may repeat up to eight.
import { spawn } from 'node:child_process'
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { cliEnv, cliPath, runCli, startCli, tempConfigDir } from '../helpers/spawn-cli'

const browser = 'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0'
const eventCount = 1_000
/** The write queue's sends in flight at once: what one kill can leave unacknowledged. */
const inFlightPerKill = 8

interface SandboxInfo {
  baseUrl: string
  apiKey: string
  sites: Array<{ domain: string }>
}
interface SandboxEvents {
  received: number
  accepted: number
  dropped: number
  rejected: number
  events: Array<{ pathname: string }>
}

let sandbox: Awaited<ReturnType<typeof startCli<SandboxInfo>>>

beforeAll(async () => {
  if (!existsSync(cliPath)) throw new Error(`${cliPath} is missing: run \`npx electron-vite build\` first`)
  sandbox = await startCli<SandboxInfo>(['sandbox', '--port', '0', '--json'])
})
afterAll(async () => {
  await sandbox.stop()
})

/** The job files of one journal folder; a kill may leave the temp file of a write behind (`.…tmp`). */
function journalFiles(configDir: string, folder: string): string[] {
  return readdirSync(join(configDir, 'queue', folder)).filter((name) => !name.startsWith('.'))
}

async function sandboxEvents(): Promise<SandboxEvents> {
  const response = await fetch(`${sandbox.first.baseUrl}/_sandbox/events`, {
    headers: { authorization: `Bearer ${sandbox.first.apiKey}` },
  })
  return (await response.json()) as SandboxEvents
}

/** Runs the import and SIGKILLs it once the sandbox has received `killAt` events in all. */
async function importKilledAt(args: string[], env: Record<string, string>, killAt: number): Promise<void> {
  const child = spawn(process.execPath, [cliPath, ...args], { env: cliEnv(env), stdio: 'ignore' })
  const exited = new Promise<NodeJS.Signals | null>((resolve) =>
    child.once('exit', (_code, signal) => resolve(signal)),
  )
  let isRunning = true
  void exited.then(() => (isRunning = false))
  while (isRunning && (await sandboxEvents()).received < killAt)
    await new Promise((resolve) => setTimeout(resolve, 25))
  if (!isRunning) throw new Error(`the import ended before ${killAt} events arrived: kill it earlier`)
  child.kill('SIGKILL')
  expect(await exited).toBe('SIGKILL')
}

describe('a 1,000-event import killed with SIGKILL mid-way', () => {
  it(
    'loses nothing, repeats at most what was in flight, and flags every repeat',
    { timeout: 180_000 },
    async () => {
      const configDir = tempConfigDir()
      const env = {
        PLAUSIBLE_CONFIG_DIR: configDir,
        PLAUSIBLE_BASE_URL: sandbox.first.baseUrl,
        PLAUSIBLE_API_KEY: sandbox.first.apiKey,
        PLAUSIBLE_NO_APP: '1',
      }
      const site = sandbox.first.sites[0]?.domain ?? ''
      const file = join(configDir, 'crash.ndjson')
      writeFileSync(
        file,
        Array.from({ length: eventCount }, (_, index) =>
          JSON.stringify({ name: 'pageview', url: `https://${site}/crash/${index + 1}` }),
        ).join('\n'),
      )
      const args = ['events', 'import', file, '--user-agent', browser, '--json']
      const start = (await sandboxEvents()).received
      const kills = [start + 250, start + 600]
      for (const killAt of kills) await importKilledAt(args, env, killAt)

      const last = await runCli(args, env)
      expect(last.code, last.stderr).toBe(0)
      const summary = JSON.parse(last.stdout) as {
        events: number
        alreadyDelivered: number
        delivered: number
        failed: number
        possiblyRepeated: number
      }

      const arrived = await sandboxEvents()
      expect([arrived.dropped, arrived.rejected]).toEqual([0, 0])
      const perEvent = new Map<string, number>()
      for (const event of arrived.events)
        if (event.pathname.startsWith('/crash/'))
          perEvent.set(event.pathname, (perEvent.get(event.pathname) ?? 0) + 1)
      // Nothing lost: every line arrived.
      const missing = Array.from({ length: eventCount }, (_, index) => `/crash/${index + 1}`).filter(
        (path) => !perEvent.has(path),
      )
      expect(missing).toEqual([])
      const repeated = [...perEvent].filter(([, count]) => count > 1)
      // At most once more, and at most what the kills left in flight.
      expect(repeated.filter(([, count]) => count > 2)).toEqual([])
      expect(repeated.length).toBeLessThanOrEqual(kills.length * inFlightPerKill)

      // Every repeat was flagged: its done job says possibly delivered, and the summary counts it.
      const flagged = new Set(
        journalFiles(configDir, 'done')
          .map(
            (name) =>
              JSON.parse(readFileSync(join(configDir, 'queue', 'done', name), 'utf8')) as {
                payload: { event: { url: string } }
                possiblyDelivered?: boolean
              },
          )
          .filter((job) => job.possiblyDelivered === true)
          .map((job) => new URL(job.payload.event.url).pathname),
      )
      expect(repeated.map(([path]) => path).filter((path) => !flagged.has(path))).toEqual([])
      expect(flagged.size).toBeLessThanOrEqual(kills.length * inFlightPerKill)
      expect(summary.possiblyRepeated).toBe(flagged.size)
      expect(summary.possiblyRepeated).toBeGreaterThanOrEqual(repeated.length)
      expect(summary.alreadyDelivered + summary.delivered).toBe(eventCount)
      expect([summary.events, summary.failed]).toEqual([eventCount, 0])
      // The journal is empty and nothing is left marked as being sent.
      expect(journalFiles(configDir, 'pending')).toEqual([])
      expect(journalFiles(configDir, 'sending')).toEqual([])
    },
  )
})
