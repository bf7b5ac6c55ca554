// An import file read as a stream, never whole: a first pass for what must be known before the first
// event is journaled (the digest that keys each line's job, as the window keys it; how many lines; why
// the file is empty), then passes that hand its lines on in batches, checked, one piece of the file held
// at a time. A file that changes between two passes is refused: its lines would be keyed by another text.
import { createHash } from 'node:crypto'
import { stat } from 'node:fs/promises'
import { PlausibleError } from '../shared/errors'
import { createEventFileReader, type EventFileFormat, type ParsedLine } from '../shared/plausible/event-file'
import { streamInputFile } from './input-file'

export interface EventFileSurvey {
  format: EventFileFormat
  /** The first 16 hex digits of the SHA-256 of the file's text (importLineKey). */
  digest: string
  /** Lines holding an event, good and bad (blank lines aside): parseEventFile's lines. */
  lines: number
  /** Why the file has nothing to import ("is empty"…); null when it has lines. */
  empty: string | null
  /** What the file was when surveyed, to tell whether it changed before the next pass. */
  version: string
}

export interface EventFileOptions {
  format?: EventFileFormat
  /** The USAGE error's hint when the file cannot be read. */
  hint: string
}

async function versionOf(path: string, hint: string): Promise<string> {
  try {
    const info = await stat(path)
    return `${info.size}:${info.mtimeMs}:${info.ino}`
  } catch (error) {
    throw new PlausibleError('USAGE', {
      message: `Could not read ${path} (${(error as NodeJS.ErrnoException).code ?? 'read failed'}).`,
      hint,
      cause: error,
    })
  }
}

/** The first pass: the digest and the lines counted (not checked), a piece at a time. */
export async function surveyEventFile(path: string, options: EventFileOptions): Promise<EventFileSurvey> {
  const version = await versionOf(path, options.hint)
  const hash = createHash('sha256')
  const reader = createEventFileReader({
    fileName: path,
    check: false,
    ...(options.format ? { format: options.format } : {}),
  })
  let lines = 0
  for await (const text of streamInputFile(path, options.hint)) {
    hash.update(text)
    lines += reader.push(text).length
  }
  lines += reader.end().length
  return {
    format: reader.format(),
    digest: hash.digest('hex').slice(0, 16),
    lines,
    empty: reader.empty(),
    version,
  }
}

/** The file's lines, checked, as each piece of it completes them. Refuses a file that is no longer the one surveyed. */
export async function* readEventLines(
  path: string,
  survey: EventFileSurvey,
  options: EventFileOptions,
): AsyncGenerator<ParsedLine[]> {
  if ((await versionOf(path, options.hint)) !== survey.version) throw changed(path)
  const reader = createEventFileReader({ fileName: path, format: survey.format })
  for await (const text of streamInputFile(path, options.hint)) yield reader.push(text)
  yield reader.end()
  if ((await versionOf(path, options.hint)) !== survey.version) throw changed(path)
}

function changed(path: string): PlausibleError {
  return new PlausibleError('USAGE', {
    message: `${path} changed while it was being imported.`,
    hint: 'Import a file nobody is writing to: copy it first, then import the copy.',
  })
}

/** Standard input (`events import -`): read as it arrives, never whole, and keyed line by line. */
export interface EventStream {
  /** The lines each piece completed, checked, as soon as the piece is read: a slow writer is imported as it writes. */
  pieces(): AsyncGenerator<ParsedLine[]>
  /** After pieces() ended: the digest of the whole text (importLineKey's form), and why it held no event. */
  digest(): string
  empty(): string | null
  /**
   * A line's key: the digest of every line up to it, so the same text piped again is keyed alike (its
   * repeats are skipped, as a file's) while a stream that differs anywhere before a line sends it anew.
   */
  keyOf(line: ParsedLine): string
}

export function readEventStream(
  input: AsyncIterable<Buffer | string>,
  options: Pick<EventFileOptions, 'format'>,
): EventStream {
  const whole = createHash('sha256')
  const chain = createHash('sha256')
  const reader = createEventFileReader({
    fileName: '-',
    ...(options.format ? { format: options.format } : {}),
  })
  return {
    async *pieces() {
      const decoder = new TextDecoder('utf-8', { ignoreBOM: true })
      for await (const chunk of input) {
        const text = typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true })
        whole.update(text)
        const lines = reader.push(text)
        if (lines.length > 0) yield lines
      }
      const last = decoder.decode()
      whole.update(last)
      yield [...reader.push(last), ...reader.end()]
    },
    digest: () => whole.copy().digest('hex').slice(0, 16),
    empty: () => reader.empty(),
    keyOf(line) {
      chain.update(`${line.line}\n${JSON.stringify(line.event ?? line.problems)}\n`)
      return chain.copy().digest('hex').slice(0, 16)
    },
  }
}
