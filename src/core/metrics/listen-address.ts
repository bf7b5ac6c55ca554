// Where the metrics endpoint listens: `host:port` (`[::1]:9464` for IPv6), loopback unless the user
// says otherwise — the numbers name accounts and sites, and the endpoint has no authentication.
import { isIP } from 'node:net'
import { PlausibleError } from '../../shared/errors'

export const defaultMetricsAddress = '127.0.0.1:9464'

export interface ListenAddress {
  host: string
  port: number
}

/** Parses `host:port` or `[v6]:port`; `flag` names where it came from in the error. */
export function parseListenAddress(text: string, flag: string): ListenAddress {
  const match = /^(?:\[([^\]]+)\]|([^:[\]]+)):(\d{1,5})$/.exec(text.trim())
  const port = match ? Number(match[3]) : NaN
  const host = match ? (match[1] ?? match[2] ?? '') : ''
  if (!match || port > 65535 || (match[1] !== undefined && isIP(host) !== 6))
    throw new PlausibleError('USAGE', {
      message: `${flag} takes host:port (e.g. ${defaultMetricsAddress}, or [::1]:9464), not "${text}".`,
      hint: `Give a loopback address and a port from 0 to 65535 (0 picks a free one), e.g. ${flag} ${defaultMetricsAddress}.`,
    })
  return { host, port }
}

/** Only this machine can connect: localhost, 127.0.0.0/8 or ::1. */
export function isLoopbackHost(host: string): boolean {
  const name = host.toLowerCase()
  if (name === 'localhost' || name === '::1') return true
  return isIP(name) === 4 && name.startsWith('127.')
}

/** Refuses an address other machines could reach unless the user allowed it by name. */
export function checkLoopback(address: ListenAddress, allowFlag: string): void {
  if (isLoopbackHost(address.host)) return
  throw new PlausibleError('USAGE', {
    message: `Refusing to serve metrics on ${address.host}: other machines could read them (account and site names, budgets), and the endpoint has no authentication.`,
    hint: `Serve on loopback (${defaultMetricsAddress}) and let a local agent forward it, or add ${allowFlag} if this network is yours.`,
  })
}
