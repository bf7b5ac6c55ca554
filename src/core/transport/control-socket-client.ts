// The CLI's side of the control socket: a Transport over JSON lines to the running app, or null when no
// app listens, so the CLI can start the core in-process instead. Many requests share one connection.
import { createConnection, type Socket } from 'node:net'
import type { Transport } from '../../shared/contract/client'
import { errWire, type Wire } from '../../shared/contract/wire'
import { PlausibleError, type WireError } from '../../shared/errors'
import { currentWaitListener, type WaitListener } from '../queue/wait-notice'
import { NoticeFrame, ResponseFrame, encodeLine, maxResponseLineBytes } from './control-socket-protocol'
import { createLineReader } from './json-lines'

export interface ControlSocketClient {
  /** Resolves to the app's envelope; to an APP_UNREACHABLE envelope on timeout or a lost connection. */
  readonly transport: Transport
  close(): void
}

export interface ConnectOptions {
  /** How long one request may wait for its answer; also the connect deadline. */
  timeoutMs: number
}

interface Pending {
  resolve: (wire: Wire<unknown>) => void
  timer: NodeJS.Timeout
  /** Restarts the answer deadline: a request told to wait for the budget gets until then, plus the timeout. */
  rearm(afterMs: number): void
  /** The caller's budget-wait listener, taken when the request was sent (its async context ends here). */
  onWait: WaitListener | undefined
}

/** Null when nothing listens (no socket file, or a stale one); rejects with APP_UNREACHABLE otherwise. */
export async function connectControlSocket(
  path: string,
  options: ConnectOptions,
): Promise<ControlSocketClient | null> {
  const socket = await open(path, options.timeoutMs)
  if (!socket) return null
  return wrap(socket, options.timeoutMs)
}

function open(path: string, timeoutMs: number): Promise<Socket | null> {
  return new Promise((resolve, reject) => {
    const socket = createConnection(path)
    const timer = setTimeout(() => {
      socket.destroy()
      reject(
        unreachableError(`The app did not accept a connection on its control socket within ${timeoutMs} ms.`),
      )
    }, timeoutMs)
    socket.once('connect', () => {
      clearTimeout(timer)
      socket.removeAllListeners('error')
      resolve(socket)
    })
    socket.once('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer)
      socket.destroy()
      // ENOENT: no socket file. ECONNREFUSED: a file left by a crashed app. ENOTDIR: a file stands where
      // the config folder should be, so no app can listen there (the in-process core then says why).
      if (error.code === 'ENOENT' || error.code === 'ECONNREFUSED' || error.code === 'ENOTDIR') resolve(null)
      else reject(unreachableError(`The control socket could not be opened (${error.code ?? 'error'}).`))
    })
  })
}

function wrap(socket: Socket, timeoutMs: number): ControlSocketClient {
  const pending = new Map<number, Pending>()
  let nextId = 1
  let closedReason: string | null = null

  // An idle connection must not keep a finished CLI process alive.
  const refreshRef = (): void => {
    if (pending.size > 0) socket.ref()
    else socket.unref()
  }
  refreshRef()

  const settle = (id: number, wire: Wire<unknown>): void => {
    const entry = pending.get(id)
    if (!entry) return
    pending.delete(id)
    clearTimeout(entry.timer)
    entry.resolve(wire)
    refreshRef()
  }

  const failAll = (reason: string): void => {
    closedReason ??= reason
    for (const id of [...pending.keys()]) settle(id, errWire(unreachable(reason)))
  }

  const reader = createLineReader({
    maxLineBytes: maxResponseLineBytes,
    onOverflow: () => {
      failAll('The app sent an answer longer than the client accepts.')
      socket.destroy()
    },
    onLine: (line) => {
      const frame = parseResponse(line)
      // id null: the app could not read one of our lines; the request it belonged to times out.
      if (frame && typeof frame.id === 'number') return settle(frame.id, frame.result as Wire<unknown>)
      const notice = parseNotice(line)
      const entry = typeof notice?.id === 'number' ? pending.get(notice.id) : undefined
      if (!notice || !entry) return
      entry.rearm(
        notice.notice.phase === 'waiting'
          ? Math.max(0, notice.notice.until - Date.now()) + timeoutMs
          : timeoutMs,
      )
      entry.onWait?.(notice.notice)
    },
  })
  socket.on('data', (chunk: Buffer) => reader.push(chunk))
  socket.on('error', () => failAll('The connection to the app failed.'))
  socket.on('close', () => failAll('The app closed the control socket connection.'))

  const transport: Transport = (name, input) => {
    if (closedReason !== null) return Promise.resolve(errWire(unreachable(closedReason)))
    const id = nextId++
    return new Promise((resolve) => {
      const expire = (): void =>
        settle(id, errWire(unreachable(`The app did not answer ${name} within ${timeoutMs} ms.`)))
      const entry: Pending = {
        resolve,
        timer: setTimeout(expire, timeoutMs),
        rearm: (afterMs) => {
          clearTimeout(entry.timer)
          entry.timer = setTimeout(expire, afterMs)
        },
        onWait: currentWaitListener(),
      }
      pending.set(id, entry)
      refreshRef()
      socket.write(encodeLine({ id, call: name, input: input ?? {} }))
    })
  }

  return {
    transport,
    close: () => {
      failAll('The control socket client was closed.')
      socket.destroy()
    },
  }
}

function parseResponse(line: string): { id: unknown; result: unknown } | null {
  try {
    const parsed = ResponseFrame.safeParse(JSON.parse(line))
    return parsed.success ? parsed.data : null
  } catch {
    return null
  }
}

function parseNotice(line: string): NoticeFrame | null {
  try {
    const parsed = NoticeFrame.safeParse(JSON.parse(line))
    return parsed.success ? parsed.data : null
  } catch {
    return null
  }
}

function unreachableError(message: string): PlausibleError {
  return new PlausibleError('APP_UNREACHABLE', { message })
}

function unreachable(message: string): WireError {
  return unreachableError(message).toWire()
}
