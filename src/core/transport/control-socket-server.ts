// Serves the contract over a Unix socket (a named pipe on Windows) as JSON lines, so the CLI shares the
// running app's queue and budget. Every request goes through `dispatch`; the socket is readable by its
// user alone, and a line from it is untrusted input like any other; each connection is served within
// limits (control-socket-connection.ts).
import { chmod, lstat, mkdir, unlink } from 'node:fs/promises'
import { createConnection, createServer, type Server, type Socket } from 'node:net'
import { dirname } from 'node:path'
import type { ContractHandlers } from '../../shared/contract'
import { defaultConnectionLimits, serveConnection, type ConnectionLimits } from './control-socket-connection'

export interface ControlSocketServer {
  readonly path: string
  close(): Promise<void>
}

/** The limits of each connection (control-socket-connection.ts), each with its default. */
export interface ServeControlSocketOptions extends Partial<ConnectionLimits> {
  path: string
  handlers: ContractHandlers
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

  const limits: ConnectionLimits = {
    maxLineBytes: options.maxLineBytes ?? defaultConnectionLimits.maxLineBytes,
    maxInFlight: options.maxInFlight ?? defaultConnectionLimits.maxInFlight,
    maxUnsentBytes: options.maxUnsentBytes ?? defaultConnectionLimits.maxUnsentBytes,
    partialLineTimeoutMs: options.partialLineTimeoutMs ?? defaultConnectionLimits.partialLineTimeoutMs,
    drainTimeoutMs: options.drainTimeoutMs ?? defaultConnectionLimits.drainTimeoutMs,
  }
  const connections = new Set<Socket>()
  const server = createServer((socket) => {
    connections.add(socket)
    socket.on('close', () => connections.delete(socket))
    serveConnection(socket, options.handlers, limits)
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
