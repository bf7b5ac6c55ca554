// The site-management commands spawned as real processes against sandboxes started here: cloud (Sites
// API), CE (none), a stats-only key, and plan limits set per site; exit codes and messages exactly.
import { existsSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startSandbox, type RunningSandbox } from '../../src/core/sandbox'
import { cliPath, runCli, tempConfigDir } from '../helpers/spawn-cli'

let cloud: RunningSandbox
let ce: RunningSandbox
let configDir: string
let env: Record<string, string>

beforeAll(async () => {
  if (!existsSync(cliPath)) throw new Error(`${cliPath} is missing: run \`npx electron-vite build\` first`)
  ;[cloud, ce] = await Promise.all([startSandbox({ port: 0 }), startSandbox({ port: 0, mode: 'ce' })])
  configDir = tempConfigDir()
  env = {
    PLAUSIBLE_CONFIG_DIR: configDir,
    PLAUSIBLE_BASE_URL: cloud.baseUrl,
    PLAUSIBLE_API_KEY: cloud.apiKey,
  }
})
afterAll(async () => {
  await Promise.all([cloud.close(), ce.close()])
})

const plausible = (args: string[], extra: Record<string, string> = {}) => runCli(args, { ...env, ...extra })
const json = <T>(stdout: string): T => JSON.parse(stdout) as T

describe('plausible sites', () => {
  it('lists the seeded sites as a table with domain and timezone', async () => {
    const result = await plausible(['sites', 'list'])
    expect(result.code).toBe(0)
    expect(result.stdout.split('\n').slice(0, 4)).toEqual([
      'domain            timezone',
      'shop.example.com  Europe/Berlin',
      'blog.example.org  America/New_York',
      'docs.example.net  Etc/UTC',
    ])
  })

  it('gets one site as JSON with its property allowlist', async () => {
    const result = await plausible(['sites', 'get', 'shop.example.com', '--json'])
    expect(result.code).toBe(0)
    expect(json(result.stdout)).toMatchObject({
      account: 'env',
      site: { domain: 'shop.example.com', timezone: 'Europe/Berlin', customProperties: ['method', 'plan'] },
    })
  })

  it('creates, updates and deletes a site, each answered by the server', async () => {
    const created = await plausible([
      'sites',
      'create',
      'cli-made.example.com',
      '--timezone',
      'Asia/Kolkata',
      '--outbound-links',
      '--json',
    ])
    expect(created.code).toBe(0)
    expect(json(created.stdout)).toMatchObject({
      site: {
        domain: 'cli-made.example.com',
        timezone: 'Asia/Kolkata',
        trackerScript: { outboundLinks: true },
      },
    })
    const updated = await plausible([
      'sites',
      'update',
      'cli-made.example.com',
      '--track-404-pages',
      '--no-outbound-links',
      '--json',
    ])
    expect(updated.code).toBe(0)
    expect(json(updated.stdout)).toMatchObject({
      site: { trackerScript: { track404Pages: true, outboundLinks: false } },
    })
    const deleted = await plausible(['sites', 'delete', 'cli-made.example.com', '--force'])
    expect(deleted).toMatchObject({ code: 0, stdout: 'Deleted cli-made.example.com and its stats.\n' })
    const gone = await plausible(['sites', 'get', 'cli-made.example.com'])
    expect(gone.code).toBe(4)
    expect(gone.stderr).toContain('Site could not be found')
  })

  it('refuses to delete without --force when no terminal can confirm (exit 2), and keeps the site', async () => {
    const result = await plausible(['sites', 'delete', 'docs.example.net'])
    expect(result.code).toBe(2)
    expect(result.stderr).toBe(
      'error: Nothing was deleted: no terminal is attached to confirm it.\n' +
        'hint: Add --force to delete docs.example.net and all its stats: `plausible sites delete docs.example.net --force`.\n',
    )
    expect((await plausible(['sites', 'get', 'docs.example.net'])).code).toBe(0)
  })

  it('prints a dry-run delete without a confirmation and journals nothing', async () => {
    const dir = tempConfigDir()
    const result = await plausible(['sites', 'delete', 'docs.example.net', '--dry-run', '--json'], {
      PLAUSIBLE_CONFIG_DIR: dir,
    })
    expect(result.code).toBe(0)
    expect(json(result.stdout)).toMatchObject({
      dryRun: true,
      request: { method: 'DELETE', url: `${cloud.baseUrl}/api/v1/sites/docs.example.net` },
    })
    expect(
      existsSync(join(dir, 'queue', 'pending')) ? readdirSync(join(dir, 'queue', 'pending')) : [],
    ).toEqual([])
    expect((await plausible(['sites', 'get', 'docs.example.net'])).code).toBe(0)
  })

  it('rejects an invalid timezone before sending anything (exit 2)', async () => {
    const result = await plausible(['sites', 'create', 'tz.example.com', '--timezone', 'Mars/Olympus'])
    expect(result.code).toBe(2)
    expect(result.stderr.split('\n')[0]).toBe(
      'error: Invalid input for sites.create: timezone: not an IANA time zone (for example Europe/Berlin or Etc/UTC).',
    )
  })

  it('answers a taken domain with the server text (exit 2)', async () => {
    const result = await plausible(['sites', 'create', 'shop.example.com'])
    expect(result.code).toBe(2)
    expect(result.stderr).toContain('domain: This domain cannot be registered')
  })

  it('asks for something to change when update gets no flag (exit 2)', async () => {
    const result = await plausible(['sites', 'update', 'shop.example.com'])
    expect(result.code).toBe(2)
    expect(result.stderr.split('\n')[0]).toBe(
      'error: Nothing to change: give --new-domain or a tracker switch.',
    )
  })

  it('names the missing argument (exit 2)', async () => {
    const result = await plausible(['sites', 'get'])
    expect(result.code).toBe(2)
    expect(result.stderr).toContain("missing required argument 'domain'")
  })

  it('prints the danger-zone link for a reset, since no API resets stats', async () => {
    const result = await plausible(['sites', 'reset', 'shop.example.com', '--no-open', '--json'])
    expect(result.code).toBe(0)
    expect(json(result.stdout)).toEqual({
      account: 'env',
      site: 'shop.example.com',
      url: `${cloud.baseUrl}/shop.example.com/settings/danger-zone`,
      opened: false,
    })
  })

  it('exits 3 for a key the server refuses', async () => {
    const result = await plausible(['sites', 'list'], {
      PLAUSIBLE_API_KEY: 'wrong-key-0123456789abcdefghijkl',
    })
    expect(result.code).toBe(3)
    expect(result.stderr.split('\n')[0]).toMatch(/^error: The API key was refused\./)
  })
})

describe('plausible goals', () => {
  it('adds an event goal once, however often it is added, and removes it by id', async () => {
    const first = await plausible([
      'goals',
      'add',
      '--site',
      'blog.example.org',
      '--event',
      'Newsletter',
      '--json',
    ])
    const again = await plausible([
      'goals',
      'add',
      '--site',
      'blog.example.org',
      '--event',
      'Newsletter',
      '--json',
    ])
    expect(first.code).toBe(0)
    const id = json<{ goal: { id: number } }>(first.stdout).goal.id
    expect(json<{ goal: { id: number } }>(again.stdout).goal.id).toBe(id)
    const listed = await plausible(['goals', 'list', '--site', 'blog.example.org', '--format', 'ndjson'])
    expect(listed.stdout).toContain(`{"id":${id},"name":"Newsletter","type":"event","target":"Newsletter"}`)
    const removed = await plausible(['goals', 'remove', '--site', 'blog.example.org', String(id)])
    expect(removed).toMatchObject({ code: 0, stdout: `Deleted goal ${id} of blog.example.org.\n` })
    const after = await plausible(['goals', 'list', '--site', 'blog.example.org', '--json'])
    expect(json<{ goals: Array<{ id: number }> }>(after.stdout).goals.map((goal) => goal.id)).not.toContain(
      id,
    )
  })

  it('adds a page goal with a display name', async () => {
    const result = await plausible([
      'goals',
      'add',
      '--site',
      'blog.example.org',
      '--page',
      '/welcome',
      '--display-name',
      'Welcome page',
      '--json',
    ])
    expect(result.code).toBe(0)
    expect(json(result.stdout)).toMatchObject({
      goal: { displayName: 'Welcome page', goalType: 'page', pagePath: '/welcome', eventName: null },
    })
  })

  it('needs exactly one of --event and --page (exit 2)', async () => {
    const result = await plausible(['goals', 'add', '--site', 'blog.example.org'])
    expect(result.code).toBe(2)
    expect(result.stderr.split('\n')[0]).toBe('error: Give --event <name> or --page <path>, one of them.')
  })

  it('needs --site (exit 2)', async () => {
    const result = await plausible(['goals', 'list'])
    expect(result.code).toBe(2)
    expect(result.stderr).toContain("required option '--site <domain>' not specified")
  })

  it('takes only a whole number as the goal id (exit 2)', async () => {
    const result = await plausible(['goals', 'remove', '--site', 'blog.example.org', 'seven'])
    expect(result.code).toBe(2)
    expect(result.stderr).toContain('<goal-id> is a whole number such as 7')
  })

  it('exits 4 for a goal of an unknown site', async () => {
    const result = await plausible(['goals', 'list', '--site', 'unknown.example'])
    expect(result.code).toBe(4)
    expect(result.stderr).toContain('Site could not be found')
  })

  it('refuses a write with a stats-only key as SCOPE_REQUIRED (exit 3), while reads work', async () => {
    const write = await plausible(['goals', 'add', '--site', 'blog.example.org', '--event', 'Nope'], {
      PLAUSIBLE_API_KEY: cloud.statsOnlyKey,
    })
    expect(write.code).toBe(3)
    expect(write.stderr.split('\n')[0]).toMatch(/lacks the `sites:provision` scope/)
    const read = await plausible(['goals', 'list', '--site', 'blog.example.org'], {
      PLAUSIBLE_API_KEY: cloud.statsOnlyKey,
    })
    expect(read.code).toBe(0)
  })
})

describe('plausible props, shared-links and guests', () => {
  it('adds, lists and removes a custom property', async () => {
    expect((await plausible(['props', 'add', '--site', 'docs.example.net', 'author'])).stdout).toBe(
      'Added "author" on docs.example.net.\n',
    )
    const listed = await plausible(['props', 'list', '--site', 'docs.example.net', '--format', 'csv'])
    expect(listed.stdout.split(/\r?\n/)).toEqual(['property', 'method', 'plan', 'author', ''])
    expect((await plausible(['props', 'remove', '--site', 'docs.example.net', 'author'])).code).toBe(0)
    const after = await plausible(['props', 'list', '--site', 'docs.example.net', '--json'])
    expect(json<{ properties: string[] }>(after.stdout).properties).toEqual(['method', 'plan'])
  })

  it('creates a shared link and answers the same link for the same name', async () => {
    const first = await plausible(['shared-links', 'create', '--site', 'docs.example.net', 'Board', '--json'])
    const second = await plausible([
      'shared-links',
      'create',
      '--site',
      'docs.example.net',
      'Board',
      '--json',
    ])
    expect(first.code).toBe(0)
    const link = json<{ url: string }>(first.stdout)
    expect(link.url).toMatch(/^https:\/\/plausible\.io\/share\/docs\.example\.net\?auth=/)
    expect(json<{ url: string }>(second.stdout).url).toBe(link.url)
  })

  it('invites, lists and removes a guest', async () => {
    const invited = await plausible([
      'guests',
      'invite',
      '--site',
      'docs.example.net',
      'ana@example.com',
      '--role',
      'editor',
    ])
    expect(invited).toMatchObject({
      code: 0,
      stdout: 'ana@example.com is invited as editor on docs.example.net.\n',
    })
    const listed = await plausible(['guests', 'list', '--site', 'docs.example.net', '--json'])
    expect(json<{ guests: unknown[] }>(listed.stdout).guests).toContainEqual({
      email: 'ana@example.com',
      role: 'editor',
      status: 'invited',
    })
    expect(
      (await plausible(['guests', 'remove', '--site', 'docs.example.net', 'ana@example.com'])).code,
    ).toBe(0)
    const after = await plausible(['guests', 'list', '--site', 'docs.example.net', '--json'])
    expect(
      json<{ guests: Array<{ email: string }> }>(after.stdout).guests.map((guest) => guest.email),
    ).not.toContain('ana@example.com')
  })

  it('rejects an e-mail address that is not one (exit 2) and a role that does not exist', async () => {
    const email = await plausible([
      'guests',
      'invite',
      '--site',
      'docs.example.net',
      'ana',
      '--role',
      'viewer',
    ])
    expect(email.code).toBe(2)
    expect(email.stderr.split('\n')[0]).toBe(
      'error: Invalid input for guests.invite: email: not an e-mail address.',
    )
    const role = await plausible([
      'guests',
      'invite',
      '--site',
      'docs.example.net',
      'ana@example.com',
      '--role',
      'owner',
    ])
    expect(role.code).toBe(2)
    expect(role.stderr).toContain('Allowed choices are viewer, editor')
  })
})

describe('servers and plans without the Sites API', () => {
  it('says a CE server has no Sites API (exit 4) for reads and writes alike', async () => {
    const ceEnv = { PLAUSIBLE_BASE_URL: ce.baseUrl, PLAUSIBLE_API_KEY: ce.apiKey }
    for (const args of [
      ['sites', 'list'],
      ['goals', 'add', '--site', 'shop.example.com', '--event', 'Signup'],
      ['guests', 'list', '--site', 'shop.example.com'],
    ]) {
      const result = await plausible(args, ceEnv)
      expect(result.code, args.join(' ')).toBe(4)
      expect(result.stderr.split('\n')[0]).toBe(
        'error: This server has no Sites API (self-hosted Plausible CE removed it in v2.1).',
      )
    }
  })

  it("answers 402 as PLAN_REQUIRED (exit 3) naming the Sites API when the site's plan lacks it", async () => {
    const sandbox = await startSandbox({ port: 0 })
    try {
      sandbox.setPlan('shop.example.com', { sitesApi: false })
      const result = await plausible(['goals', 'list', '--site', 'shop.example.com'], {
        PLAUSIBLE_BASE_URL: sandbox.baseUrl,
        PLAUSIBLE_API_KEY: sandbox.apiKey,
      })
      expect(result.code).toBe(3)
      expect(result.stderr.split('\n')[0]).toMatch(/^error: This key's plan does not include the Sites API\./)
    } finally {
      await sandbox.close()
    }
  })
})
