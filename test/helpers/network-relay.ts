// A server on this machine's network address instead of loopback, for tests of what may be sent there in
// clear text: a relay to a loopback server (a sandbox) that counts the connections made to it, so a test
// can say that not even a connection, let alone a key, left.
import { createConnection, createServer, type Server, type Socket } from 'node:net'
import { networkInterfaces } from 'node:os'

/** An IPv4 address of this machine that is not loopback; undefined on a machine with none. */
export const networkAddress: string | undefined = Object.values(networkInterfaces())
  .flat()
  .find((entry) => entry?.family === 'IPv4' && !entry.internal)?.address

export interface NetworkRelay {
  /** `http://<network address>:<port>`. */
  baseUrl: string
  connections(): number
  close(): Promise<void>
}

export async function relayOnNetwork(loopbackBaseUrl: string, host: string): Promise<NetworkRelay> {
  let connections = 0
  const open = new Set<Socket>()
  const target = new URL(loopbackBaseUrl)
  const server: Server = createServer((socket) => {
    connections += 1
    const upstream = createConnection(Number(target.port), target.hostname)
    for (const end of [socket, upstream]) {
      open.add(end)
      end.once('close', () => open.delete(end))
    }
    socket.pipe(upstream).pipe(socket)
    socket.on('error', () => upstream.destroy())
    upstream.on('error', () => socket.destroy())
  })
  await new Promise<void>((resolve) => server.listen(0, host, resolve))
  const { port } = server.address() as { port: number }
  return {
    baseUrl: `http://${host}:${port}`,
    connections: () => connections,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        // Kept-alive connections would hold close() open.
        for (const socket of open) socket.destroy()
      }),
  }
}
