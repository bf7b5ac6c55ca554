// A stand-in for a server's Events API (POST /api/event) that a test steers: it can hold every request
// unanswered until told, refuse chosen ones with a status and a Retry-After, and it records what came
// and when, and how many requests were open at once.
import { createServer, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface ReceivedEvent {
  /** The event's url, from its body. */
  url: string
  /** performance.now() when the request arrived. */
  at: number
  /** The status it was answered with. */
  status: number
}

export interface EventsServer {
  baseUrl: string
  received: ReceivedEvent[]
  /** Requests open (arrived, not yet answered) right now, and the most at any moment. */
  open(): number
  mostOpen(): number
  /** Hold every request from now on, unanswered, until release(). */
  hold(): void
  /** Answers what was held and stops holding. */
  release(): void
  /** The next `count` requests are answered with this status (and Retry-After header, when given). */
  refuseNext(count: number, status: number, retryAfter?: string): void
  close(): Promise<void>
}

export async function startEventsServer(): Promise<EventsServer> {
  const received: ReceivedEvent[] = []
  const held: Array<() => void> = []
  const refusals: Array<{ status: number; retryAfter?: string }> = []
  let isHolding = false
  let open = 0
  let mostOpen = 0
  const answer = (res: ServerResponse, event: ReceivedEvent, status: number, retryAfter?: string): void => {
    event.status = status
    open -= 1
    res.writeHead(status, {
      'content-type': 'text/plain',
      ...(retryAfter === undefined ? {} : { 'retry-after': retryAfter }),
    })
    res.end(status === 202 ? 'ok' : 'slow down')
  }
  const server = createServer((req, res) => {
    let body = ''
    req.setEncoding('utf8')
    req.on('data', (chunk: string) => (body += chunk))
    req.on('end', () => {
      open += 1
      mostOpen = Math.max(mostOpen, open)
      let url: string
      try {
        url = String((JSON.parse(body) as { url?: unknown }).url)
      } catch {
        url = '(not JSON)'
      }
      const event: ReceivedEvent = { url, at: performance.now(), status: 0 }
      received.push(event)
      const refusal = refusals.shift()
      if (refusal) answer(res, event, refusal.status, refusal.retryAfter)
      else if (isHolding) held.push(() => answer(res, event, 202))
      else answer(res, event, 202)
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    received,
    open: () => open,
    mostOpen: () => mostOpen,
    hold: () => void (isHolding = true),
    release() {
      isHolding = false
      for (const answerHeld of held.splice(0)) answerHeld()
    },
    refuseNext(count, status, retryAfter) {
      for (let index = 0; index < count; index += 1)
        refusals.push({ status, ...(retryAfter === undefined ? {} : { retryAfter }) })
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
