// Site icons through the built CLI (the same calls the window makes): off by default and then not a single
// favicon request; on, each site's icon comes from its server's favicon route once and then from the
// folder, a name the server has no icon for is the letter tile, and turning icons off forgets them all.
import { existsSync } from 'node:fs'
import { rm } from 'node:fs/promises'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startSandbox, type RunningSandbox } from '../../src/core/sandbox'
import { runCli, tempConfigDir } from '../helpers/spawn-cli'

let sandbox: RunningSandbox
let configDir: string
let env: Record<string, string>

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, mode: 'cloud' })
  configDir = tempConfigDir()
  env = {
    PLAUSIBLE_CONFIG_DIR: configDir,
    PLAUSIBLE_BASE_URL: sandbox.baseUrl,
    PLAUSIBLE_API_KEY: sandbox.apiKey,
    PLAUSIBLE_NO_APP: '1',
  }
})

afterAll(async () => {
  await sandbox?.close()
  await rm(configDir, { recursive: true, force: true })
})

interface Answer {
  ok: boolean
  value?: Record<string, unknown>
  error?: { code: string; message: string }
}

/** Runs calls in one CLI process, one after the other (each line waits for the one before). */
async function calls(...lines: Array<[string, Record<string, unknown>]>): Promise<Answer[]> {
  const answers: Answer[] = []
  for (const [call, input] of lines) {
    const result = await runCli(['call', '--batch'], env, `${JSON.stringify({ call, input })}\n`)
    expect(result.stderr).toBe('')
    answers.push((JSON.parse(result.stdout.trim()) as { result: Answer }).result)
  }
  return answers
}

async function faviconRequests(): Promise<string[]> {
  const [history] = await calls(['debug.http', { limit: 200 }])
  const exchanges = (history!.value as { exchanges: Array<{ url: string }> }).exchanges
  return exchanges.map((exchange) => exchange.url).filter((url) => url.includes('/favicon/'))
}

describe('site icons', () => {
  it('are off by default: the letter tile, and no request to the favicon route', async () => {
    const [settings, icon] = await calls(
      ['siteIcons.get', {}],
      ['siteIcons.icon', { site: 'shop.example.com' }],
    )
    expect(settings!.value).toMatchObject({ fetch: false, cached: 0 })
    expect(icon!.value).toEqual({
      account: 'env',
      site: 'shop.example.com',
      icon: null,
      from: 'off',
      fetchedAt: null,
    })
    expect(await faviconRequests()).toEqual([])
  })

  it('once on, come from the server once, then from the folder', async () => {
    const [on, first, second, unknown] = await calls(
      ['siteIcons.set', { fetch: true }],
      ['siteIcons.icon', { site: 'shop.example.com' }],
      ['siteIcons.icon', { site: 'shop.example.com' }],
      ['siteIcons.icon', { site: 'nobody.example' }],
    )
    expect(on!.value).toMatchObject({ fetch: true, cached: 0 })
    const icon = first!.value as { icon: { contentType: string; dataUrl: string } | null; from: string }
    expect(icon.from).toBe('server')
    expect(icon.icon?.contentType).toBe('image/svg+xml')
    expect(
      Buffer.from(icon.icon!.dataUrl.replace('data:image/svg+xml;base64,', ''), 'base64').toString(),
    ).toMatch(/^<svg /)
    expect(second!.value).toMatchObject({ from: 'cache', icon: icon.icon })
    // A referrer by the name the Sources panel shows: the server knows Google's host; "Direct / None" has none.
    const [google, direct] = await calls(
      ['siteIcons.icon', { site: 'Google' }],
      ['siteIcons.icon', { site: 'Direct / None' }],
    )
    expect(google!.value).toMatchObject({ from: 'server', icon: { contentType: 'image/svg+xml' } })
    expect(direct!.value).toMatchObject({ from: 'server', icon: null })
    // The server's placeholder is no icon: the letter tile, and kept as "none" for an hour.
    expect(unknown!.value).toMatchObject({ from: 'server', icon: null })
    // debug http lists the newest first.
    expect(await faviconRequests()).toEqual([
      `${sandbox.baseUrl}/favicon/sources/Direct%20%2F%20None`,
      `${sandbox.baseUrl}/favicon/sources/Google`,
      `${sandbox.baseUrl}/favicon/sources/nobody.example`,
      `${sandbox.baseUrl}/favicon/sources/shop.example.com`,
    ])
    const [settings] = await calls(['siteIcons.get', {}])
    expect(settings!.value).toMatchObject({ fetch: true, cached: 4 })
  })

  it('turned off, forget every kept icon and ask nothing more', async () => {
    const [settings] = await calls(['siteIcons.get', {}])
    const folder = (settings!.value as { folder: string }).folder
    expect(existsSync(folder)).toBe(true)
    const [off, icon] = await calls(
      ['siteIcons.set', { fetch: false }],
      ['siteIcons.icon', { site: 'shop.example.com' }],
    )
    expect(off!.value).toMatchObject({ fetch: false, cached: 0 })
    expect(icon!.value).toMatchObject({ from: 'off', icon: null })
    expect(existsSync(folder)).toBe(false)
    expect(await faviconRequests()).toHaveLength(4)
  })
})
