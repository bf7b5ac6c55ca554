// The control socket against a client that pipelines requests and never reads the answers (issue 13,
// item 2), with the real server and core in a process of their own so that its memory can be watched:
// it must stay bounded while the flood lasts, come back once the client hangs up, and still answer.
import { once } from 'node:events'
import { readFileSync, rmSync } from 'node:fs'
import { createConnection, type Socket } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startFixture, type FixtureProcess } from '../helpers/fixture-process'
import { tempConfigDir } from '../helpers/spawn-cli'

const megabyte = 1024 * 1024
const floodMs = 8_000

/** Resident memory of a process, from /proc (Linux). */
function rssOf(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').match(/^VmRSS:\s+(\d+) kB$/m)
  if (!line?.[1]) throw new Error(`no VmRSS for ${pid}`)
  return Number(line[1]) * 1024
}

async function connect(path: string): Promise<Socket> {
  const socket = createConnection(path)
  await once(socket, 'connect')
  return socket
}

/** Sends `count` budget.status requests on one connection and reads every answer. */
async function askAndRead(
  path: string,
  count: number,
): Promise<Array<{ id: number; result: { ok: boolean } }>> {
  const socket = await connect(path)
  let text = ''
  socket.on('data', (chunk: Buffer) => (text += chunk.toString()))
  socket.write(requestLines(0, count))
  while (text.split('\n').length - 1 < count) await once(socket, 'data')
  socket.destroy()
  return text
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as { id: number; result: { ok: boolean } })
}

function requestLines(from: number, count: number): string {
  let lines = ''
  for (let id = from; id < from + count; id++)
    lines += `${JSON.stringify({ id, call: 'budget.status', input: { account: 'demo' } })}\n`
  return lines
}

let host: FixtureProcess
let socketPath: string
let pid: number
let configDir: string

beforeAll(async () => {
  configDir = tempConfigDir()
  host = await startFixture('control-socket-host', [configDir], ['--expose-gc'])
  ;({ path: socketPath, pid } = await host.nextLine<{ path: string; pid: number }>())
})

afterAll(async () => {
  await host?.stop()
  rmSync(configDir, { recursive: true, force: true })
})

describe.skipIf(process.platform !== 'linux')('control socket under a flood', () => {
  it('stays within 100 MB of its resting memory while a client pipelines without reading, and comes back when it hangs up', async () => {
    // Warm: the Demo account, the handlers and the JIT, so the baseline is the server at rest.
    expect((await askAndRead(socketPath, 200)).every((answer) => answer.result.ok)).toBe(true)
    const rest = await memory()

    const flood = await connect(socketPath)
    flood.on('error', () => undefined)
    // No 'data' listener: the client never reads an answer.
    let sent = 0
    let peakRss = rssOf(pid)
    const sampler = setInterval(() => (peakRss = Math.max(peakRss, rssOf(pid))), 100)
    const until = Date.now() + floodMs
    while (Date.now() < until) {
      const isFlowing = flood.write(requestLines(sent, 500))
      sent += 500
      if (!isFlowing) {
        const left = until - Date.now()
        if (left <= 0) break
        await Promise.race([once(flood, 'drain'), new Promise((resolve) => setTimeout(resolve, left))])
      }
    }
    clearInterval(sampler)
    peakRss = Math.max(peakRss, rssOf(pid))
    flood.destroy()

    // The client did pipeline far more than the server lets in flight.
    expect(sent).toBeGreaterThan(2_000)
    expect((peakRss - rest.rss) / megabyte).toBeLessThan(100)

    // Hung up: what the connection held is let go, and the server answers the next client.
    await new Promise((resolve) => setTimeout(resolve, 500))
    const after = await memory()
    expect((after.heapUsed - rest.heapUsed) / megabyte).toBeLessThan(10)
    const answers = await askAndRead(socketPath, 3)
    expect(answers.map((answer) => [answer.id, answer.result.ok])).toEqual([
      [0, true],
      [1, true],
      [2, true],
    ])
  }, 60_000)
})

async function memory(): Promise<{ rss: number; heapUsed: number }> {
  host.child.stdin?.write('memory\n')
  return host.nextLine<{ rss: number; heapUsed: number }>()
}
