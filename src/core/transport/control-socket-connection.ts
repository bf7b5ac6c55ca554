// One client of the control socket: its request lines are answered through `dispatch`, within limits
// that bound what a client can make the app hold. A client that sends requests without reading the
// answers is slowed, not fed: the server stops reading (and stops splitting what it already read) while
// its calls in flight are at the cap or its unsent answers pass a bound, and goes on at 'drain'. A line
// too long, a line begun and never ended, or answers that stay unread are a broken client: its
// connection is closed, and everything it held is let go when it closes.
import type { Socket } from 'node:net'
import type { ContractHandlers } from '../../shared/contract'
import { errWire, type Wire } from '../../shared/contract/wire'
import { PlausibleError } from '../../shared/errors'
import { dispatch } from '../dispatch'
import { withWaitListener, type WaitNotice } from '../queue/wait-notice'
import {
  RequestFrame,
  RequestId,
  encodeLine,
  maxRequestLineBytes,
  type ResponseLine,
} from './control-socket-protocol'
import { createLineReader } from './json-lines'

export interface ConnectionLimits {
  /** A longer request line closes the connection. */
  maxLineBytes: number
  /** Calls running at once for one connection; the next line waits (unread) until one ends. */
  maxInFlight: number
  /** Answers written and not yet taken by the client; above this, no new call starts until 'drain'. */
  maxUnsentBytes: number
  /** A line begun and not ended within this closes the connection (nothing we send is written slowly). */
  partialLineTimeoutMs: number
  /** Answers left unread this long, with the client's calls held back for it, close the connection. */
  drainTimeoutMs: number
}

export const defaultConnectionLimits: ConnectionLimits = {
  maxLineBytes: maxRequestLineBytes,
  maxInFlight: 64,
  maxUnsentBytes: 1024 * 1024,
  partialLineTimeoutMs: 10_000,
  drainTimeoutMs: 60_000,
}

/** After the last words to a client that broke a limit, how long it has to take them before it is cut. */
const closeGraceMs = 1_000

export function serveConnection(
  socket: Socket,
  handlers: ContractHandlers,
  limits: ConnectionLimits = defaultConnectionLimits,
): void {
  let inFlight = 0
  let isClosed = false
  let partialLineTimer: NodeJS.Timeout | undefined
  let drainTimer: NodeJS.Timeout | undefined

  const isOverUnsent = (): boolean => socket.writableLength > limits.maxUnsentBytes
  const isReady = (): boolean => !isClosed && inFlight < limits.maxInFlight && !isOverUnsent()
  const reader = createLineReader({
    maxLineBytes: limits.maxLineBytes,
    isReady,
    onOverflow: () =>
      closeWith(`A request line is longer than the control socket accepts (${limits.maxLineBytes} bytes).`),
    onLine: (line) => {
      const frame = readFrame(line)
      if ('error' in frame) return write({ id: frame.id, result: frame.error })
      start(frame.request)
    },
  })

  function start(request: RequestFrame): void {
    inFlight += 1
    // The request's budget waits reach the CLI at once, so it can say what it waits for and until when.
    const notify = (notice: WaitNotice): void => write({ id: request.id, notice })
    void withWaitListener(notify, () => answer(handlers, request)).then((result) => {
      inFlight -= 1
      write({ id: request.id, result })
      flow()
    })
  }

  function write(frame: ResponseLine | { id: RequestId; notice: WaitNotice }): void {
    if (isClosed || socket.destroyed || !socket.writable) return
    socket.write(safeEncode(frame))
  }

  /** Reads on while the limits allow, holds still while they do not, and watches the two clocks. */
  function flow(): void {
    if (isClosed) return
    reader.resume()
    if (isReady()) socket.resume()
    else socket.pause()
    watchPartialLine()
    watchDrain()
  }

  function watchPartialLine(): void {
    // Only the client's own slowness counts: bytes we hold back unsplit may well end the line.
    const isWaitingForLineEnd =
      reader.partialLineBytes() > 0 && reader.heldBytes() === reader.partialLineBytes()
    if (isWaitingForLineEnd && !partialLineTimer) {
      partialLineTimer = setTimeout(
        () =>
          closeWith(
            `A request line was begun and not ended within ${limits.partialLineTimeoutMs} ms; send each request as one line.`,
          ),
        limits.partialLineTimeoutMs,
      )
    } else if (!isWaitingForLineEnd && partialLineTimer) {
      clearTimeout(partialLineTimer)
      partialLineTimer = undefined
    }
  }

  function watchDrain(): void {
    if (isOverUnsent() && !drainTimer) {
      // Not a reply: the client is not reading them. Cut it, so what it holds is freed.
      drainTimer = setTimeout(() => socket.destroy(), limits.drainTimeoutMs)
    } else if (!isOverUnsent() && drainTimer) {
      clearTimeout(drainTimer)
      drainTimer = undefined
    }
  }

  /** Tells the client why, then ends the connection; one that does not take the words is cut. */
  function closeWith(message: string): void {
    if (isClosed) return
    write({ id: null, result: usage(message) })
    stop()
    socket.end()
    setTimeout(() => socket.destroy(), closeGraceMs).unref()
  }

  /** Reads nothing more and lets go of what the connection held; calls in flight finish unheard. */
  function stop(): void {
    isClosed = true
    reader.release()
    clearTimeout(partialLineTimer)
    clearTimeout(drainTimer)
    partialLineTimer = undefined
    drainTimer = undefined
  }

  socket.on('data', (chunk: Buffer) => {
    reader.push(chunk)
    flow()
  })
  socket.on('drain', flow)
  // A peer that hangs up mid-answer must not crash the app (EPIPE, ECONNRESET).
  socket.on('error', () => socket.destroy())
  socket.on('close', stop)
}

async function answer(handlers: ContractHandlers, request: RequestFrame): Promise<Wire<unknown>> {
  try {
    return await dispatch(handlers, request.call, request.input)
  } catch (error) {
    return errWire(new PlausibleError('INTERNAL', { cause: error }).toWire())
  }
}

function readFrame(line: string): { request: RequestFrame } | { id: RequestId | null; error: Wire<never> } {
  let json: unknown
  try {
    json = JSON.parse(line)
  } catch {
    return { id: null, error: usage('A control socket request must be one JSON object per line.') }
  }
  const parsed = RequestFrame.safeParse(json)
  if (parsed.success) return { request: parsed.data }
  // Answer with the caller's id when it sent a usable one, so it can fail that request instead of waiting.
  const id = RequestId.safeParse((json as { id?: unknown } | null)?.id)
  return {
    id: id.success ? id.data : null,
    error: usage('A control socket request is {"id": <string|number>, "call": "<name>", "input": {...}}.'),
  }
}

function safeEncode(frame: ResponseLine | { id: RequestId; notice: WaitNotice }): string {
  try {
    return encodeLine(frame)
  } catch (error) {
    return encodeLine({
      id: frame.id,
      result: errWire(new PlausibleError('INTERNAL', { cause: error }).toWire()),
    })
  }
}

function usage(message: string): Wire<never> {
  return errWire(new PlausibleError('USAGE', { message }).toWire())
}
