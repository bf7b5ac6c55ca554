// The /metrics endpoint of `plausible metrics --serve` and of the app (Settings): every GET renders the
// numbers afresh from the core, so a scrape costs no API request and shows what the core knows now.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { prometheusContentType } from '../../shared/metrics/prometheus-text'
import { isLoopbackHost, type ListenAddress } from './listen-address'

export interface MetricsServer {
  /** Where it answers, e.g. http://127.0.0.1:9464/metrics (the port chosen when 0 was asked). */
  url: string
  close(): Promise<void>
}

export interface MetricsServerOptions extends ListenAddress {
  /** The exposition text, rendered for each scrape. */
  render(): Promise<string>
  onError?(error: unknown): void
}

export async function startMetricsServer(options: MetricsServerOptions): Promise<MetricsServer> {
  const isLoopback = isLoopbackHost(options.host)
  const server = createServer((request, response) => void answer(request, response))
  async function answer(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const path = (request.url ?? '/').split('?')[0]
    // On loopback, a page in a browser could ask through a name that resolves to 127.0.0.1 (DNS
    // rebinding): only a loopback Host is one this machine's own scraper sends.
    if (isLoopback && !isLoopbackHost(hostOf(request.headers.host ?? '')))
      return plain(response, 403, 'Forbidden: this endpoint answers loopback names only.\n')
    if (path !== '/metrics') return plain(response, 404, 'Not found: the metrics are at /metrics.\n')
    if (request.method !== 'GET' && request.method !== 'HEAD')
      return plain(response, 405, 'Method not allowed: use GET.\n', { allow: 'GET, HEAD' })
    try {
      const body = await options.render()
      response.writeHead(200, { 'content-type': prometheusContentType, 'cache-control': 'no-store' })
      response.end(request.method === 'HEAD' ? undefined : body)
    } catch (error) {
      options.onError?.(error)
      plain(
        response,
        500,
        `The metrics could not be read: ${error instanceof Error ? error.message : String(error)}\n`,
      )
    }
  }
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port, options.host, () => {
      server.off('error', reject)
      resolve()
    })
  })
  const { port } = server.address() as AddressInfo
  const host = options.host.includes(':') ? `[${options.host}]` : options.host
  return {
    url: `http://${host}:${port}/metrics`,
    close: () =>
      new Promise((resolve) => {
        // A scraper keeps its connection alive: without this close() would wait for it to hang up.
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

/** The host part of a Host header (`127.0.0.1:9464`, `[::1]:9464`, `localhost`). */
function hostOf(header: string): string {
  const bracketed = /^\[([^\]]+)\]/.exec(header)
  if (bracketed) return bracketed[1] ?? ''
  return header.split(':')[0] ?? ''
}

function plain(
  response: ServerResponse,
  status: number,
  text: string,
  headers: Record<string, string> = {},
): void {
  response.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', ...headers })
  response.end(text)
}
