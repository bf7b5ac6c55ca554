// One `plausible ui` (the built CLI, a fresh config: the Demo account) and Debian's Chromium per test file,
// plus direct calls to the same host with its token: the expected numbers come from there.
import { mkdir, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  chromium,
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  type Page,
} from 'playwright-core'
import type { Wire } from '../../src/shared/contract/wire'
import { startCli } from '../helpers/spawn-cli'

/** The flags environment.md §5 found to work for Debian's Chromium in a container. */
export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

export interface QueryResult {
  results: Array<{ metrics: Array<number | null>; dimensions: Array<string | number> }>
  meta: { time_labels?: string[]; total_rows?: number }
  query: { date_range?: [string, string] }
}

export interface Harness {
  url: string
  /** The environment `plausible ui` runs in (config dir, HOME, temp dirs), for a CLI that shares its ledger. */
  env: Record<string, string>
  browser: Browser
  call<T>(name: string, input: unknown): Promise<Wire<T>>
  value<T>(name: string, input: unknown): Promise<T>
  /** A v2 query through the host, as `account` or else the default (Demo) account. */
  query(query: Record<string, unknown>, account?: string): Promise<QueryResult>
  /** The alias of the default account (the first one listed when none is marked default). */
  defaultAccount(): Promise<string>
  /**
   * What the server resolves a period shortcut to for `site`, as local dates (its echo carries the
   * site's offset, §4.7), asked as `account` or else the default account.
   */
  datesOf(site: string, shortcut: string, account?: string): Promise<[string, string]>
  newPage(
    options?: BrowserContextOptions,
  ): Promise<{ context: BrowserContext; page: Page; problems: string[] }>
  close(): Promise<number | null>
}

/** A harness whose Demo account may spend 14 requests an hour: a dashboard's first load nearly spends them. */
export async function startNearlySpentHarness(): Promise<Harness> {
  const h = await startHarness()
  // The Demo account ignores PLAUSIBLE_HOURLY_LIMIT; its own setting is what the budget reads.
  await h.value('accounts.budget', { alias: 'demo', hourlyLimit: 14 })
  return h
}

export async function startHarness(env: Record<string, string> = {}): Promise<Harness> {
  const work = await mkdtemp(join(tmpdir(), 'plausible-e2e-'))
  const home = join(work, 'home')
  const temp = join(work, 'tmp')
  await mkdir(home, { recursive: true })
  await mkdir(temp, { recursive: true })
  const uiEnv = {
    PLAUSIBLE_CONFIG_DIR: join(work, 'config'),
    HOME: home,
    TMPDIR: temp,
    XDG_CONFIG_HOME: join(home, '.config'),
    ...env,
  }
  const started = await startCli<{ url: string; port: number }>(['ui', '--port', '0', '--json'], uiEnv)
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: chromiumArgs,
    env: {
      ...process.env,
      HOME: home,
      XDG_CONFIG_HOME: join(home, '.config'),
      XDG_CACHE_HOME: join(home, '.cache'),
    },
  })
  const url = new URL(started.first.url)
  const call = async <T>(name: string, input: unknown): Promise<Wire<T>> => {
    const response = await fetch(`${url.origin}/api/call/${name}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-plausible-token': url.searchParams.get('token') ?? '',
      },
      body: JSON.stringify(input),
    })
    return (await response.json()) as Wire<T>
  }
  const value = async <T>(name: string, input: unknown): Promise<T> => {
    const wire = await call<T>(name, input)
    if (!wire.ok) throw new Error(`${name} failed: ${wire.error.code} ${wire.error.message}`)
    return wire.value
  }
  const query = (query: Record<string, unknown>, account?: string): Promise<QueryResult> =>
    value<QueryResult>('stats.query', account === undefined ? { query } : { account, query })
  return {
    url: started.first.url,
    env: uiEnv,
    browser,
    call,
    value,
    query,
    async defaultAccount() {
      const { accounts } = await value<{ accounts: Array<{ alias: string; isDefault: boolean }> }>(
        'accounts.list',
        {},
      )
      return (accounts.find((a) => a.isDefault) ?? accounts[0])!.alias
    },
    async datesOf(site, shortcut, account) {
      const result = await query({ site_id: site, metrics: ['visitors'], date_range: shortcut }, account)
      const [from, to] = result.query.date_range!
      return [from.slice(0, 10), to.slice(0, 10)]
    },
    async newPage(options = {}) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, ...options })
      const page = await context.newPage()
      const problems: string[] = []
      page.on('console', (message) => {
        if (message.type() === 'error') problems.push(`console: ${message.text()}`)
      })
      page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`))
      await page.addInitScript(() => {
        document.addEventListener('securitypolicyviolation', (event) => {
          console.error(`CSP violation: ${event.violatedDirective} ${event.blockedURI}`)
        })
      })
      return { context, page, problems }
    },
    async close() {
      await browser.close()
      const code = await started.stop()
      await rm(work, { recursive: true, force: true })
      return code
    },
  }
}
