// Import history (issue 18): every `events import` run is recorded and compared with the previous run of
// the same source (`plausible imports list|show`), and `events import -` reads a pipe as it is written.
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { ImportsList } from '../../src/cli/commands/imports/imports-action'
import type { ComparedImport } from '../../src/shared/imports/import-comparison'
import { useCliSandbox } from '../helpers/cli-sandbox'
import { pipeCli, runCli } from '../helpers/spawn-cli'

const cli = useCliSandbox({ mode: 'ce' })
const site = 'shop.example.com'
const line = (name: string, path: string): string => JSON.stringify({ name, url: `https://${site}${path}` })
const bot = 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)'

/** Waits until `isSeen` holds, checking every 20 ms; fails after `timeoutMs`. */
async function until(isSeen: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs
  while (!isSeen()) {
    if (Date.now() > end) throw new Error(`${what} not seen within ${timeoutMs} ms`)
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}

describe('plausible imports', () => {
  it('keeps two imports of one file, the second compared with the first: all its events were repeats, skipped', async () => {
    const file = join(cli.configDir, 'events.ndjson')
    writeFileSync(
      file,
      [line('pageview', '/a'), line('Signup', '/b'), line('Signup', '/c'), 'not json'].join('\n'),
    )
    const first = await runCli(['events', 'import', file, '--json'], cli.env)
    expect(first.code, first.stderr).toBe(8)
    const second = await runCli(['events', 'import', file, '--json'], cli.env)
    expect(second.code, second.stderr).toBe(8)
    const firstId = (JSON.parse(first.stdout) as { importId: string }).importId
    expect(JSON.parse(second.stdout)).toMatchObject({
      alreadyDelivered: 3,
      delivered: 0,
      previousImportId: firstId,
    })

    const listed = await runCli(['imports', 'list', '--json'], cli.env)
    expect(listed.code, listed.stderr).toBe(0)
    const { imports } = JSON.parse(listed.stdout) as ImportsList
    expect(imports.map((entry) => entry.id)).toEqual([JSON.parse(second.stdout).importId, firstId])
    const [latest, earliest] = imports as [ComparedImport, ComparedImport]
    expect(earliest).toMatchObject({
      source: { path: file, format: 'ndjson' },
      account: 'env',
      linesRead: 4,
      accepted: 3,
      droppedByServer: 0,
      failed: 0,
      refused: { 'not JSON': 1 },
      repeatsSkipped: 0,
      possiblyRepeated: 0,
      names: { pageview: 1, Signup: 2 },
      comparison: null,
    })
    expect(earliest.source.digest).toMatch(/^[0-9a-f]{16}$/)
    expect(earliest.finishedAt).not.toBeNull()
    expect(latest).toMatchObject({ linesRead: 4, accepted: 0, repeatsSkipped: 3, refused: { 'not JSON': 1 } })
    expect(latest.comparison).toEqual({
      previousId: firstId,
      counts: {
        linesRead: { before: 4, after: 4, change: 0 },
        accepted: { before: 3, after: 0, change: -3 },
        droppedByServer: { before: 0, after: 0, change: 0 },
        failed: { before: 0, after: 0, change: 0 },
        refused: { before: 1, after: 1, change: 0 },
        repeatsSkipped: { before: 0, after: 3, change: 3 },
        possiblyRepeated: { before: 0, after: 0, change: 0 },
      },
      newNames: [],
      vanishedNames: [],
      names: [],
    })

    const shown = await runCli(['imports', 'show'], cli.env)
    expect(shown.code, shown.stderr).toBe(0)
    expect(shown.stdout).toContain(
      `compared with ${firstId}:\n  linesRead: 4 → 4 (+0)\n  accepted: 3 → 0 (-3)\n`,
    )
    expect(shown.stdout).toContain('  repeatsSkipped: 0 → 3 (+3)\n')
  })

  it('compares the event names of a changed file with its previous run, and counts what the server dropped', async () => {
    const file = join(cli.configDir, 'events.ndjson')
    writeFileSync(file, [line('pageview', '/a'), line('Signup', '/b'), line('Old', '/c')].join('\n'))
    expect((await runCli(['events', 'import', file], cli.env)).code).toBe(0)
    writeFileSync(
      file,
      [line('pageview', '/a'), line('Signup', '/b'), line('Signup', '/d'), line('New', '/e')].join('\n'),
    )
    const second = await runCli(['events', 'import', file, '--user-agent', bot, '--json'], cli.env)
    expect(second.code, second.stderr).toBe(0)
    const shown = await runCli(['imports', 'show', JSON.parse(second.stdout).importId, '--json'], cli.env)
    const run = JSON.parse(shown.stdout) as ComparedImport
    // A changed file is another text: its lines are new jobs, and the bot's user agent gets them dropped.
    expect(run).toMatchObject({ linesRead: 4, accepted: 0, droppedByServer: 4, repeatsSkipped: 0 })
    expect(run.comparison).toMatchObject({
      newNames: ['New'],
      vanishedNames: ['Old'],
      names: [
        { name: 'New', before: 0, after: 1, change: 1 },
        { name: 'Old', before: 1, after: 0, change: -1 },
        { name: 'Signup', before: 1, after: 2, change: 1 },
      ],
    })
  })

  it('names the id and exits 4 when there is no such run', async () => {
    const result = await runCli(['imports', 'show', 'imp-19700101T000000000Z-000000'], cli.env)
    expect(result.code).toBe(4)
    expect(result.stderr.split('\n')[0]).toBe(
      `error: No import imp-19700101T000000000Z-000000 in ${join(cli.configDir, 'imports')}.`,
    )
  })
})

describe('plausible events import -', () => {
  it('imports a pipe as its writer writes: each line reaches the server before the next is written', async () => {
    const paths = (): string[] => cli.sandbox.acceptedEvents().map((event) => event.pathname)
    const piped = pipeCli(['events', 'import', '-', '--json'], cli.env)
    for (const path of ['/slow/1', '/slow/2', '/slow/3']) {
      piped.stdin.write(`${line('pageview', path)}\n`)
      await until(() => paths().includes(path), `${path} at the sandbox`)
    }
    piped.stdin.end()
    const result = await piped.result
    expect(result.code, result.stderr).toBe(0)
    expect(JSON.parse(result.stdout)).toMatchObject({ file: '-', events: 3, queued: 3, delivered: 3 })
    expect(paths().filter((path) => path.startsWith('/slow/'))).toEqual(['/slow/1', '/slow/2', '/slow/3'])
    const listed = JSON.parse((await runCli(['imports', 'list', '--json'], cli.env)).stdout) as ImportsList
    expect(listed.imports[0]).toMatchObject({ source: { path: '-' }, linesRead: 3, accepted: 3 })
  })

  it('skips the repeats of the same text piped again, and refuses an empty pipe', async () => {
    const text = `${line('pageview', '/again/1')}\n${line('pageview', '/again/2')}\n`
    expect((await runCli(['events', 'import', '-'], cli.env, text)).code).toBe(0)
    const again = await runCli(['events', 'import', '-', '--json'], cli.env, text)
    expect(JSON.parse(again.stdout)).toMatchObject({ events: 2, queued: 0, alreadyDelivered: 2 })
    const empty = await runCli(['events', 'import', '-'], cli.env, '')
    expect(empty.code).toBe(2)
    expect(empty.stderr.split('\n')[0]).toBe('error: stdin is empty: there is no event to import.')
  })
})
