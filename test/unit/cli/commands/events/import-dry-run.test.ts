import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PassThrough } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { createDryRunWriter, type DryRunRequest } from '../../../../../src/cli/commands/events/import-dry-run'
import { render, type EmitFormat, type OutputFlags } from '../../../../../src/cli/emit'

const head = { file: 'events.ndjson', events: 4 }
const invalid = [{ line: 3, reason: 'not JSON' }]
const request = (line: number): DryRunRequest => ({
  line,
  method: 'POST',
  url: 'https://stats.example/api/event',
  body: { name: 'pageview', url: `https://a.com/${line}`, props: { note: 'a, "b"\nc' } },
})

/** What the writer prints for these requests, and what emit() printed for the whole list. */
async function both(requests: DryRunRequest[], format: EmitFormat, compact: boolean) {
  const stdout = new PassThrough()
  let written = ''
  stdout.on('data', (chunk: Buffer) => (written += chunk.toString()))
  const flags: OutputFlags = { format, ...(compact ? { compact: true } : {}) }
  const writer = createDryRunWriter({ stdout, stderr: new PassThrough() }, flags, head)
  for (const each of requests) await writer.add(each)
  await writer.finish(invalid)
  const value = { dryRun: true, ...head, invalid, requests }
  const whole = render(format, compact, {
    value,
    rows: requests.map(({ line, url, body }) => ({ line, url, body })),
    text:
      requests.map((each) => `${each.line}: POST ${each.url} ${JSON.stringify(each.body)}`).join('\n') +
      `\n(dry run: ${requests.length} of ${head.events} events would be sent, ${invalid.length} invalid; nothing was journaled)\n`,
  })
  return { written, whole }
}

describe('createDryRunWriter', () => {
  for (const count of [0, 1, 2, 3])
    for (const [format, compact] of [
      ['table', false],
      ['ndjson', false],
      ['ndjson', true],
      ['csv', false],
    ] as const)
      it(`prints what emit() prints for ${count} requests as ${format}${compact ? ' --compact' : ''}`, async () => {
        const { written, whole } = await both(
          Array.from({ length: count }, (_, index) => request(index + 1)),
          format,
          compact,
        )
        expect(written).toBe(whole)
      })

  for (const count of [0, 1, 2, 3])
    for (const compact of [false, true])
      it(`prints the JSON document emit() prints for ${count} requests${compact ? ', --compact' : ''}, requests before invalid lines`, async () => {
        const { written, whole } = await both(
          Array.from({ length: count }, (_, index) => request(index + 1)),
          'json',
          compact,
        )
        expect(written.endsWith('\n')).toBe(true)
        expect(JSON.parse(written)).toEqual(JSON.parse(whole))
        expect(Object.keys(JSON.parse(written) as object)).toEqual([
          'dryRun',
          'file',
          'events',
          'requests',
          'invalid',
        ])
      })

  it('writes the whole result into --output at the end', async () => {
    const output = join(mkdtempSync(join(tmpdir(), 'dry-run-')), 'requests.ndjson')
    const stdout = new PassThrough()
    const writer = createDryRunWriter(
      { stdout, stderr: new PassThrough() },
      { format: 'ndjson', output },
      head,
    )
    await writer.add(request(1))
    await writer.add(request(2))
    await writer.finish(invalid)
    expect(stdout.read()).toBeNull()
    expect(readFileSync(output, 'utf8')).toBe(
      render('ndjson', false, {
        value: null,
        rows: [request(1), request(2)].map(({ line, url, body }) => ({ line, url, body })),
      }),
    )
  })
})
