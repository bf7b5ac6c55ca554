// The limits of one control socket connection, each at both sides of its edge, over a real Unix socket:
// the longest line, the calls in flight, a line begun and never ended, answers left unread, and what a
// connection leaves behind when its client hangs up.
import { once } from 'node:events'
import { mkdtempSync, rmSync } from 'node:fs'
import { createConnection, type Socket } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { ContractHandlers } from '../../../../src/shared/contract'
import {
  serveControlSocket,
  type ControlSocketServer,
  type ServeControlSocketOptions,
} from '../../../../src/core/transport/control-socket-server'
import { createFakeHandlers, sampleOutputs } from '../../../helpers/contract-samples'

interface Line {
  id: number | string | null
  result: { ok: boolean; error?: { code: string; message: string } }
}

let dir: string
let server: ControlSocketServer | undefined
const sockets: Socket[] = []

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'plausible-socket-limits-'))
})

afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.destroy()
  await server?.close()
  server = undefined
  rmSync(dir, { recursive: true, force: true })
})

async function serve(
  handlers: ContractHandlers,
  limits: Omit<ServeControlSocketOptions, 'path' | 'handlers'>,
): Promise<string> {
  server = await serveControlSocket({ path: join(dir, 'control.sock'), handlers, ...limits })
  return server.path
}

/** A raw client; `lines` fills as answers come, unless `isReading` is false. */
async function client(path: string, isReading = true) {
  const socket = createConnection(path)
  sockets.push(socket)
  socket.on('error', () => undefined)
  await once(socket, 'connect')
  const lines: Line[] = []
  let text = ''
  if (isReading)
    socket.on('data', (chunk: Buffer) => {
      text += chunk.toString()
      for (let end = text.indexOf('\n'); end !== -1; end = text.indexOf('\n')) {
        lines.push(JSON.parse(text.slice(0, end)) as Line)
        text = text.slice(end + 1)
      }
    })
  const closed = once(socket, 'close').then(() => true)
  return { socket, lines, closed }
}

const request = (id: number, call = 'budget.status', input: unknown = { account: 'work' }): string =>
  `${JSON.stringify({ id, call, input })}\n`

/** A request line of exactly `bytes` bytes, newline not counted (padded with JSON's own whitespace). */
function requestOfLength(id: number, bytes: number): string {
  const bare = request(id).trimEnd()
  return `${bare.slice(0, -1)}${' '.repeat(bytes - bare.length)}}\n`
}

/** A stats answer of ~700 KB, and a query for it. */
const bigAnswer = {
  results: Array.from({ length: 20_000 }, (_, day) => ({ metrics: [day], dimensions: [`day-${day}`] })),
  meta: {},
  query: { site_id: 'example.com' },
}
const bigQuery = {
  account: 'work',
  query: { site_id: 'example.com', metrics: ['visitors'], date_range: '7d' },
}

/** Handlers whose budget.status waits until the test lets it answer. */
function heldHandlers() {
  const started: number[] = []
  const release: Array<() => void> = []
  const { handlers } = createFakeHandlers({
    'budget.status': async () => {
      started.push(started.length)
      await new Promise<void>((resolve) => release.push(resolve))
      return sampleOutputs['budget.status']
    },
  })
  return { handlers, started, release }
}

describe('control socket connection limits', () => {
  it('answers a line of exactly the longest length, and closes on one byte more with a USAGE envelope', async () => {
    const path = await serve(createFakeHandlers().handlers, { maxLineBytes: 200 })
    const exact = await client(path)
    exact.socket.write(requestOfLength(1, 200))
    await vi.waitFor(() => expect(exact.lines.map((line) => [line.id, line.result.ok])).toEqual([[1, true]]))

    const over = await client(path)
    over.socket.write(requestOfLength(2, 201))
    expect(await over.closed).toBe(true)
    expect(over.lines.map((line) => [line.id, line.result.error?.code])).toEqual([[null, 'USAGE']])
    expect(over.lines[0]?.result.error?.message).toContain(
      'longer than the control socket accepts (200 bytes)',
    )
  })

  it('runs exactly the cap of calls at once and starts one more only when one ends', async () => {
    const held = heldHandlers()
    const path = await serve(held.handlers, { maxInFlight: 3 })
    const { socket, lines } = await client(path)
    // Four requests in one write: one chunk, so the fourth is already read when the cap is reached.
    socket.write([1, 2, 3, 4].map((id) => request(id)).join(''))
    await vi.waitFor(() => expect(held.started).toHaveLength(3))
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(held.started).toHaveLength(3)
    held.release.shift()?.()
    await vi.waitFor(() => expect(held.started).toHaveLength(4))
    for (const answer of held.release.splice(0)) answer()
    await vi.waitFor(() => expect(lines.map((line) => line.id).sort()).toEqual([1, 2, 3, 4]))
  })

  it('closes a connection whose line stays unfinished past the timeout, not one that finishes in time', async () => {
    const path = await serve(createFakeHandlers().handlers, { partialLineTimeoutMs: 150 })
    const slow = await client(path)
    const line = request(1)
    slow.socket.write(line.slice(0, 10))
    await new Promise((resolve) => setTimeout(resolve, 60))
    slow.socket.write(line.slice(10))
    await vi.waitFor(() => expect(slow.lines.map((answer) => answer.id)).toEqual([1]))

    const stuck = await client(path)
    stuck.socket.write(line.slice(0, 10))
    expect(await stuck.closed).toBe(true)
    expect(stuck.lines.map((answer) => [answer.id, answer.result.error?.code])).toEqual([[null, 'USAGE']])
    expect(stuck.lines[0]?.result.error?.message).toContain('not ended within 150 ms')
  })

  it('starts no more calls while its answers sit unread, goes on when they are read', async () => {
    let started = 0
    const { handlers } = createFakeHandlers({
      'stats.query': async () => {
        started += 1
        return bigAnswer
      },
    })
    const path = await serve(handlers, { maxUnsentBytes: 64 * 1024, maxInFlight: 4 })
    const { socket } = await client(path, false)
    socket.write(Array.from({ length: 40 }, (_, id) => request(id, 'stats.query', bigQuery)).join(''))
    await new Promise((resolve) => setTimeout(resolve, 300))
    // Four at a time; the kernel's buffers and 64 KB of ours take a few answers of ~700 KB, then the
    // server starts no more (how many the kernel takes depends on the machine, all forty it never does).
    const startedUnread = started
    expect(startedUnread).toBeGreaterThanOrEqual(4)
    expect(startedUnread).toBeLessThan(40)
    let answers = 0
    socket.on('data', (chunk: Buffer) => (answers += chunk.toString().split('\n').length - 1))
    await vi.waitFor(() => expect(answers).toBe(40), { timeout: 10_000 })
    expect(started).toBe(40)
  })

  it('cuts a client that leaves its answers unread past the drain timeout', async () => {
    const { handlers } = createFakeHandlers({ 'stats.query': async () => bigAnswer })
    const path = await serve(handlers, { maxUnsentBytes: 64 * 1024, drainTimeoutMs: 200 })
    const idle = await client(path, false)
    idle.socket.write(Array.from({ length: 40 }, (_, id) => request(id, 'stats.query', bigQuery)).join(''))
    await new Promise((resolve) => setTimeout(resolve, 600))
    // Reading only now, it finds the answers the kernel kept, then the end of the connection.
    let answers = 0
    idle.socket.on('data', (chunk: Buffer) => (answers += chunk.toString().split('\n').length - 1))
    expect(await idle.closed).toBe(true)
    expect(answers).toBeLessThan(40)
  })

  it('lets calls in flight end unheard when the client hangs up, and serves the next client', async () => {
    const held = heldHandlers()
    const path = await serve(held.handlers, { maxInFlight: 2 })
    const gone = await client(path)
    gone.socket.write([1, 2, 3, 4, 5].map((id) => request(id)).join(''))
    await vi.waitFor(() => expect(held.started).toHaveLength(2))
    gone.socket.destroy()
    await gone.closed
    for (const answer of held.release.splice(0)) answer()
    // The lines it had sent beyond the cap were dropped with it, not started.
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(held.started).toHaveLength(2)

    const next = await client(path)
    next.socket.write(request(9))
    await vi.waitFor(() => expect(held.started).toHaveLength(3))
    held.release.shift()?.()
    await vi.waitFor(() => expect(next.lines.map((line) => [line.id, line.result.ok])).toEqual([[9, true]]))
  })
})
