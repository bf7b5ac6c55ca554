// `plausible events import --dry-run`: the requests that would go out, written while the file is read, so
// a million lines never sit in memory as one document. Each format prints what emit() prints for the whole
// list (rows for NDJSON and CSV, the listing for people), except that the JSON document names its
// requests before its invalid lines, which are known only at the end. With --output the result is
// gathered first: the file is replaced at once, as emit() replaces it.
import type { CliContext } from '../../context'
import { compactJson, formatFrom, toCsv, type OutputFlags } from '../../emit'
import { writeOutputFile } from '../../output-file'

export interface DryRunRequest {
  line: number
  method: 'POST'
  url: string
  body: unknown
}

export interface DryRunWriter {
  add(request: DryRunRequest): Promise<void>
  /** The end: the invalid lines, and the closing words of each format. */
  finish(invalid: ReadonlyArray<{ line: number; reason: string }>): Promise<void>
}

/** Text gathered before a write to stdout: few writes, little held. */
const flushBytes = 64 * 1024
const csvHeader = toCsv([{ line: 0, url: '', body: '' }]).split('\r\n')[0] + '\r\n'

export function createDryRunWriter(
  ctx: Pick<CliContext, 'stdout' | 'stderr'>,
  flags: OutputFlags,
  head: { file: string; events: number },
): DryRunWriter {
  const format = formatFrom(flags)
  const isCompact = flags.compact === true
  const gathered: string[] = []
  let pending = ''
  let count = 0
  /** --compact: a list of two or more requests is printed as {columns, rows}, as compactJson chooses. */
  let firstOfCompact: DryRunRequest | null = null

  const write = async (text: string, isLast = false): Promise<void> => {
    pending += text
    if (!isLast && pending.length < flushBytes) return
    const out = pending
    pending = ''
    if (flags.output) gathered.push(out)
    else if (!ctx.stdout.write(out)) await new Promise((resolve) => ctx.stdout.once('drain', resolve))
    if (isLast && flags.output)
      await writeOutputFile(flags.output, gathered.join(''), {
        streams: { stdout: ctx.stdout, stderr: ctx.stderr },
      })
  }
  const headOfJson = `{"dryRun":true,"file":${JSON.stringify(head.file)},"events":${head.events},"requests":`
  const compactRow = (request: DryRunRequest): string =>
    JSON.stringify([request.line, request.method, request.url, compactJson(request.body)])
  const row = (request: DryRunRequest): Record<string, unknown> => ({
    line: request.line,
    url: request.url,
    body: request.body,
  })

  return {
    async add(request) {
      count += 1
      switch (format) {
        case 'json':
          if (!isCompact) return write(`${count === 1 ? `${headOfJson}[` : ','}${JSON.stringify(request)}`)
          if (count === 1) {
            firstOfCompact = request
            return
          }
          if (count === 2 && firstOfCompact)
            return write(
              `${headOfJson}{"columns":["line","method","url","body"],"rows":[${compactRow(firstOfCompact)},${compactRow(request)}`,
            )
          return write(`,${compactRow(request)}`)
        case 'ndjson':
          return write(`${JSON.stringify(isCompact ? compactJson(row(request)) : row(request))}\n`)
        case 'csv':
          return write(toCsv([row(request)]).slice(count === 1 ? 0 : csvHeader.length))
        case 'table':
          return write(`${request.line}: POST ${request.url} ${JSON.stringify(request.body)}\n`)
      }
    },
    async finish(invalid) {
      switch (format) {
        case 'json': {
          const listed = isCompact ? compactJson(invalid) : invalid
          const requests =
            count === 0
              ? `${headOfJson}[]`
              : isCompact && count === 1
                ? `${headOfJson}${JSON.stringify(compactJson([firstOfCompact]))}`
                : isCompact
                  ? ']}'
                  : ']'
          return write(`${requests},"invalid":${JSON.stringify(listed)}}\n`, true)
        }
        case 'ndjson':
          return write('', true)
        case 'csv':
          return write(count === 0 ? '\r\n' : '', true)
        case 'table':
          return write(
            `${count === 0 ? '\n' : ''}(dry run: ${count} of ${head.events} events would be sent, ${invalid.length} invalid; nothing was journaled)\n`,
            true,
          )
      }
    },
  }
}
