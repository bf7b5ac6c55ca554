// plausible annotations, spawned: add, list, export (CSV and JSON, to stdout and a file), remove; a date
// that is not a calendar day is refused naming --date, with the usage exit code and nothing written; and
// the report of a period lists the annotations dated within it, and only those.
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { Report } from '../../src/shared/report/model'
import { exitCodes } from '../../src/shared/errors'
import { useCliSandbox } from '../helpers/cli-sandbox'
import { runCli } from '../helpers/spawn-cli'

const now = '2026-11-23T14:30:00Z'
const cli = useCliSandbox({ clock: () => Date.parse(now) }, { PLAUSIBLE_FROZEN_TIME: now })
const shop = 'shop.example.com'
const blog = 'blog.example.org'

interface Listed {
  account: string
  annotations: Array<{
    id: string
    date: string
    site: string
    kind: string
    text: string
    createdAt: string
  }>
}

async function ok(...args: string[]): Promise<string> {
  const result = await runCli(args, cli.env)
  expect(result.code, result.stderr).toBe(0)
  return result.stdout
}

async function add(site: string, date: string, text: string, kind?: string): Promise<string> {
  const out = await ok(
    'annotations',
    'add',
    '--site',
    site,
    '--date',
    date,
    '--text',
    text,
    ...(kind ? ['--kind', kind] : []),
    '--json',
  )
  return (JSON.parse(out) as { annotation: { id: string } }).annotation.id
}

describe('plausible annotations', () => {
  it('adds, lists, exports and removes a site’s annotations, kept in the config folder', async () => {
    const deploy = await add(shop, '2026-11-20', 'v2.3 released', 'deploy')
    const campaign = await add(shop, '2026-11-18', 'Black Friday, "early" mail', 'campaign')
    const other = await add(blog, '2026-11-19', 'new theme')

    const listed = JSON.parse(await ok('annotations', 'list', '--site', shop, '--json')) as Listed
    expect(listed.annotations.map((entry) => [entry.id, entry.date, entry.kind, entry.text])).toEqual([
      [campaign, '2026-11-18', 'campaign', 'Black Friday, "early" mail'],
      [deploy, '2026-11-20', 'deploy', 'v2.3 released'],
    ])
    expect(
      listed.annotations.every(
        (entry) => entry.site === shop && entry.createdAt === '2026-11-23T14:30:00.000Z',
      ),
    ).toBe(true)
    const all = JSON.parse(await ok('annotations', 'list', '--json')) as Listed
    expect(all.annotations.map((entry) => entry.id)).toEqual([campaign, other, deploy])
    expect(all.annotations.find((entry) => entry.id === other)?.kind).toBe('note')
    expect(await ok('annotations', 'list', '--site', shop)).toMatch(/v2\.3 released/)

    const csv = await ok('annotations', 'export', '--site', shop)
    expect(csv).toBe(
      'date,site,account,kind,text,id,created_at\r\n' +
        `2026-11-18,${shop},${listed.account},campaign,"Black Friday, ""early"" mail",${campaign},2026-11-23T14:30:00.000Z\r\n` +
        `2026-11-20,${shop},${listed.account},deploy,v2.3 released,${deploy},2026-11-23T14:30:00.000Z\r\n`,
    )
    const file = join(cli.configDir, 'exported.json')
    expect(await ok('annotations', 'export', '--format', 'json', '--output', file)).toBe('')
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ annotations: all.annotations })

    // Kept by the core in the config folder, where the window and `plausible ui` read them too.
    const stored = JSON.parse(readFileSync(join(cli.configDir, 'annotations.json'), 'utf8')) as Listed
    expect(stored.annotations).toHaveLength(3)

    expect(await ok('annotations', 'remove', deploy)).toBe(
      `Removed ${deploy} (deploy on 2026-11-20 for ${shop}).\n`,
    )
    const after = JSON.parse(await ok('annotations', 'list', '--site', shop, '--json')) as Listed
    expect(after.annotations.map((entry) => entry.id)).toEqual([campaign])
    const again = await runCli(['annotations', 'remove', deploy], cli.env)
    expect(again.code).toBe(exitCodes.notFound)
    expect(again.stderr).toContain(`There is no annotation "${deploy}".`)
  })

  it('refuses a date that is not a calendar day, naming --date, with the usage exit code and nothing kept', async () => {
    for (const bad of ['2026-02-30', '20.11.2026', '2026-11-20T10:00']) {
      const result = await runCli(
        ['annotations', 'add', '--site', shop, '--date', bad, '--text', 'x'],
        cli.env,
      )
      expect(result.code, bad).toBe(exitCodes.usage)
      expect(result.stderr).toContain(
        `--date takes a calendar date as YYYY-MM-DD, for example 2026-12-07 (got ${JSON.stringify(bad)}).`,
      )
      expect(result.stdout).toBe('')
    }
    expect(existsSync(join(cli.configDir, 'annotations.json'))).toBe(false)
    const empty = await runCli(
      ['annotations', 'add', '--site', shop, '--date', '2026-11-20', '--text', '  '],
      cli.env,
    )
    expect(empty.code).toBe(exitCodes.usage)
    expect(empty.stderr).toContain('text: say what happened (1 to 200 characters)')
  })

  it('lists in a report the annotations dated within its period, and no others', async () => {
    const inside = await add(shop, '2026-11-17', 'pricing page redesign', 'deploy')
    await add(shop, '2026-11-15', 'before the week')
    await add(shop, '2026-11-23', 'today, after the week')
    await add(blog, '2026-11-18', 'another site')
    // 7d on 2026-11-23 is 2026-11-16 … 2026-11-22 (full days ending yesterday).
    const json = JSON.parse(
      await ok('report', '--site', shop, '--period', '7d', '--format', 'json'),
    ) as Report
    expect(json.sites[0]!.period.first).toBe('2026-11-16')
    expect(json.sites[0]!.annotations?.map((entry) => [entry.id, entry.date, entry.text])).toEqual([
      [inside, '2026-11-17', 'pricing page redesign'],
    ])
    const markdown = await ok('report', '--site', shop, '--period', '7d', '--format', 'md')
    expect(markdown).toContain('### Annotations\n\n- 2026-11-17 · deploy · pricing page redesign\n')
    expect(markdown).not.toContain('before the week')
    const html = await ok('report', '--site', shop, '--period', '7d', '--format', 'html')
    expect(html).toContain(`data-annotation="${inside}"`)
    expect(html).not.toContain('after the week')
  })
})
