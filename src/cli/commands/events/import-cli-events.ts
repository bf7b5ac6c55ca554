// `events import --from cli-events`: a file (or stdin) of CLI-analytics events converted, line by line,
// into the Plausible events it stands for (shared/cli-analytics/cli-events.ts) in a private temporary
// NDJSON file, which the import then sends as any other: journaled, keyed by that file's digest, so the
// same source converted again (same salt, same rules) skips its repeats.
import { mkdtemp, open, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createSessionKeyer } from '../../../core/cli-analytics/session-keys'
import { createCliEventsConverter } from '../../../shared/cli-analytics/cli-events'
import type { WorkflowRule } from '../../../shared/cli-analytics/sessions'
import { streamInputFile } from '../../input-file'

export interface ConvertedCliEvents {
  /** The NDJSON file of Plausible events to import. */
  path: string
  /** Lines of the source that are not CLI-analytics events, with their number there. */
  invalid: Array<{ line: number; reason: string }>
  /** Source lines read (blank lines aside). */
  lines: number
  remove(): Promise<void>
}

export async function convertCliEvents(options: {
  source: string
  input: AsyncIterable<string | Buffer> | null
  site: string
  rules: readonly WorkflowRule[]
  configDir: string
  hint: string
}): Promise<ConvertedCliEvents> {
  const folder = await mkdtemp(join(tmpdir(), 'plausible-cli-events-'))
  const path = join(folder, 'events.ndjson')
  const converter = createCliEventsConverter({
    site: options.site,
    rules: options.rules,
    sessionKeyOf: await createSessionKeyer(options.configDir),
  })
  const invalid: ConvertedCliEvents['invalid'] = []
  const out = await open(path, 'wx', 0o600)
  let lines = 0
  let number = 0
  let rest = ''
  const take = async (text: string): Promise<void> => {
    number += 1
    if (text.trim() === '') return
    lines += 1
    const { events, problems } = converter.line(text)
    if (problems.length > 0) invalid.push({ line: number, reason: problems.join('; ') })
    if (events.length > 0) await out.write(events.map((event) => `${JSON.stringify(event)}\n`).join(''))
  }
  try {
    const decoder = new TextDecoder('utf-8')
    const pieces = options.input ?? streamInputFile(options.source, options.hint)
    for await (const piece of pieces) {
      rest += typeof piece === 'string' ? piece : decoder.decode(piece, { stream: true })
      const complete = rest.split('\n')
      rest = complete.pop() ?? ''
      for (const text of complete) await take(text)
    }
    if (rest !== '') await take(rest)
    const ended = converter.end()
    if (ended.length > 0) await out.write(ended.map((event) => `${JSON.stringify(event)}\n`).join(''))
  } finally {
    await out.close()
  }
  return { path, invalid, lines, remove: () => rm(folder, { recursive: true, force: true }) }
}
