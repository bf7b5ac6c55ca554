// How many Events API events a second the sandbox takes in: `plausible sandbox` in its own process, fed
// 5,000 accepted events per run over 16 kept-alive connections by a client that costs far less than the
// server (the requests written beforehand as bytes, one at a time per connection, the answers only
// checked for their status line), so the rate is the server's and not its client's: a fetch or even a
// node:http client spends more CPU per request than the server does. The goal, at least 2,000 events/s,
// keeps the sandbox from hiding the cost of a client measured against it (events-import.bench.ts).
import { existsSync } from 'node:fs'
import { connect } from 'node:net'
import { resolve } from 'node:path'
import { afterAll, beforeAll, test } from 'vitest'
import { startCli } from '../test/helpers/spawn-cli'
import { median, recordGoal } from './goals'

const cli = resolve(__dirname, '../out/main/cli.js')
const eventsPerRun = 5_000
const connections = 16
const runs = 5
const browser = 'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0'

let sandbox: Awaited<ReturnType<typeof startCli<{ baseUrl: string; apiKey: string }>>>

beforeAll(async () => {
  if (!existsSync(cli)) throw new Error(`${cli} is missing: run \`npx electron-vite build\` first`)
  sandbox = await startCli(['sandbox', '--port', '0', '--mode', 'ce', '--json'])
})

afterAll(() => sandbox?.stop())

/** Sends every request, `connections` at a time; throws unless each was accepted (202, nothing dropped). */
async function post(baseUrl: string, requests: readonly string[]): Promise<void> {
  const { hostname, port } = new URL(baseUrl)
  let next = 0
  const connection = (): Promise<void> =>
    new Promise((done, fail) => {
      const socket = connect(Number(port), hostname)
      socket.setNoDelay(true)
      socket.setEncoding('latin1')
      let received = ''
      const sendNext = (): void => {
        if (next >= requests.length) {
          socket.end()
          done()
        } else socket.write(requests[next++]!)
      }
      socket.on('connect', sendNext)
      socket.on('error', fail)
      socket.on('data', (chunk: string) => {
        received += chunk
        for (;;) {
          const headEnd = received.indexOf('\r\n\r\n')
          if (headEnd === -1) return
          const head = received.slice(0, headEnd)
          const length = Number(/content-length: *(\d+)/i.exec(head)?.[1] ?? 0)
          if (received.length < headEnd + 4 + length) return
          if (!head.startsWith('HTTP/1.1 202') || /x-plausible-dropped/i.test(head)) {
            socket.destroy()
            fail(new Error(`the sandbox did not accept an event: ${head}`))
            return
          }
          received = received.slice(headEnd + 4 + length)
          sendNext()
        }
      })
    })
  await Promise.all(Array.from({ length: connections }, connection))
}

test('sandbox ingest: events a second', async () => {
  const { baseUrl } = sandbox.first
  const rates: number[] = []
  for (let run = -1; run < runs; run += 1) {
    // Distinct pages, props and a referrer, as an import sends them: sessions are made, not only counted.
    const requests = Array.from({ length: eventsPerRun }, (_, index) => {
      const body = JSON.stringify({
        name: 'pageview',
        url: `https://shop.example.com/ingest/${run}/${index}?utm_source=bench`,
        referrer: 'https://news.ycombinator.com/',
        props: { plan: index % 2 === 0 ? 'pro' : 'free' },
      })
      return (
        `POST /api/event HTTP/1.1\r\nHost: ${new URL(baseUrl).host}\r\nUser-Agent: ${browser}\r\n` +
        `Content-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`
      )
    })
    const started = performance.now()
    await post(baseUrl, requests)
    // The first run warms the server up and is not counted.
    if (run >= 0) rates.push(eventsPerRun / ((performance.now() - started) / 1000))
  }
  const rate = median(rates)
  recordGoal({
    what: 'sandbox ingest',
    subject: { label: `POST /api/event, ${connections} connections`, median: rate, runs },
    unit: 'events/s',
    goal: '≥ 2,000 events/s',
    met: rate >= 2_000,
    ratio: `${(rate / 2_000).toFixed(2)}× the goal`,
  })
})
