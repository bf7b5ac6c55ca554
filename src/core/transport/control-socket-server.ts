// Serves the contract over a Unix socket (a named pipe on Windows) as JSON lines, so the CLI shares the
// running app's queue and budget. Every request goes through `dispatch`; the socket is readable by its
// user alone, and a line from it is untrusted input like any other.
import { chmod, lstat, mkdir, unlink } from 'node:fs/promises'
import { createConnection, createServer, type Server, type Socket } from 'node:net'
import { dirname } from 'node:path'
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

export interface ControlSocketServer {
  readonly path: string
  close(): Promise<void>
}

export interface ServeControlSocketOptions {
  path: string
  handlers: ContractHandlers
  /** Default 1 MiB; a longer request line drops the connection. */
  maxLineBytes?: number
  /** Requests in flight per connection before the server stops reading from it (backpressure). */
  maxInFlight?: number
}

/** Thrown when another process already answers on the socket path: we never steal a live socket. */
export class ControlSocketInUseError extends Error {
  readonly code = 'EADDRINUSE'
  constructor(readonly path: string) {
    super(`Another process is already answering on the control socket ${path}.`)
    this.name = 'ControlSocketInUseError'
  }
}

export async function serveControlSocket(options: ServeControlSocketOptions): Promise<ControlSocketServer> {
  const { path } = options
  const isPipe = isWindowsPipe(path)
  if (!isPipe) {
    await prepareSocketDir(dirname(path))
    await removeStaleSocket(path)
  }

  const connections = new Set<Socket>()
  const server = createServer((socket) => {
    connections.add(socket)
    socket.on('close', () => connections.delete(socket))
    serveConnection(socket, options)
  })
  await listen(server, path, isPipe)
  // Belt and braces: the umask already created it 0600, but a platform that ignores umask for sockets
  // still ends up with a socket only its user can open.
  if (!isPipe) await chmod(path, 0o600)

  return {
    path,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of connections) socket.destroy()
        // libuv unlinks the socket file when the server closes.
        server.close(() => resolve())
      }),
  }
}

function serveConnection(socket: Socket, options: ServeControlSocketOptions): void {
  const maxInFlight = options.maxInFlight ?? 64
  let inFlight = 0
  // A peer that hangs up mid-answer must not crash the app (EPIPE, ECONNRESET).
  socket.on('error', () => socket.destroy())

  const reply = (line: ResponseLine): void => {
    if (socket.destroyed || !socket.writable) return
    socket.write(safeEncode(line))
  }

  const reader = createLineReader({
    maxLineBytes: options.maxLineBytes ?? maxRequestLineBytes,
    onOverflow: () => {
      reply({ id: null, result: usage('A request line is longer than the control socket accepts.') })
      socket.end(() => socket.destroy())
    },
    onLine: (line) => {
      const frame = readFrame(line)
      if ('error' in frame) return reply({ id: frame.id, result: frame.error })
      inFlight += 1
      if (inFlight >= maxInFlight) socket.pause()
      // The request's budget waits reach the CLI at once, so it can say what it waits for and until when.
      const notify = (notice: WaitNotice): void => {
        if (!socket.destroyed && socket.writable) socket.write(encodeLine({ id: frame.request.id, notice }))
      }
      void withWaitListener(notify, () => answer(options.handlers, frame.request)).then((result) => {
        inFlight -= 1
        if (inFlight < maxInFlight && socket.isPaused()) socket.resume()
        reply({ id: frame.request.id, result })
      })
    },
  })
  socket.on('data', (chunk: Buffer) => reader.push(chunk))
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

function safeEncode(line: ResponseLine): string {
  try {
    return encodeLine(line)
  } catch (error) {
    return encodeLine({
      id: line.id,
      result: errWire(new PlausibleError('INTERNAL', { cause: error }).toWire()),
    })
  }
}

function usage(message: string): Wire<never> {
  return errWire(new PlausibleError('USAGE', { message }).toWire())
}

/** The socket's folder is the user's alone: on some BSDs the socket's own mode is not enforced. */
async function prepareSocketDir(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true, mode: 0o700 })
  await chmod(dir, 0o700)
}

/** Removes a socket file left by a crashed app, after checking that nobody answers on it. */
async function removeStaleSocket(path: string): Promise<void> {
  let stats
  try {
    stats = await lstat(path)
  } catch (error) {
    if (isErrno(error, 'ENOENT')) return
    throw error
  }
  if (!stats.isSocket()) {
    throw new Error(`${path} exists and is not a socket; refusing to replace it.`)
  }
  if (await isAnswering(path)) throw new ControlSocketInUseError(path)
  await unlink(path).catch((error: unknown) => {
    if (!isErrno(error, 'ENOENT')) throw error
  })
}

function isAnswering(path: string, timeoutMs = 1000): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createConnection(path)
    const done = (isLive: boolean): void => {
      probe.destroy()
      resolve(isLive)
    }
    probe.setTimeout(timeoutMs, () => done(true)) // something holds it, even if slowly: do not steal it
    probe.once('connect', () => done(true))
    probe.once('error', (error) => done(!(isErrno(error, 'ECONNREFUSED') || isErrno(error, 'ENOENT'))))
  })
}

function listen(server: Server, path: string, isPipe: boolean): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    // The umask applies when the socket file is created, which happens synchronously inside listen():
    // owner read/write only, so no other user can even connect in the window before chmod.
    const previousUmask = isPipe ? undefined : process.umask(0o177)
    try {
      server.listen(path, () => {
        server.off('error', reject)
        resolve()
      })
    } finally {
      if (previousUmask !== undefined) process.umask(previousUmask)
    }
  })
}

function isWindowsPipe(path: string): boolean {
  return path.startsWith('\\\\.\\pipe\\') || path.startsWith('\\\\?\\pipe\\')
}

function isErrno(error: unknown, code: string): boolean {
  return (error as NodeJS.ErrnoException | null)?.code === code
}
