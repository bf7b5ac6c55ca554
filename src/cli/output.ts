// Decides how results reach the terminal: aligned tables for people, one JSON document for machines.
// Colour only on a TTY and never with NO_COLOR.
import { PlausibleError, errorCatalog, exitCodeOf, type ExitCode } from '../shared/errors'
import type { CliContext } from './context'

export type OutputFormat = 'table' | 'json'

/** Errors follow the output: machine formats get a JSON error on stderr, people get message and hint.
 * --compact alone asks for JSON (see emit.ts formatFrom), so its errors are JSON too. */
export function formatOf(options: {
  json?: boolean
  format?: string
  compact?: boolean
  ndjson?: boolean
  csv?: boolean
}): OutputFormat {
  if (options.json || options.ndjson || options.csv) return 'json'
  if (options.format !== undefined) return options.format === 'table' ? 'table' : 'json'
  return options.compact ? 'json' : 'table'
}

export function useColor(ctx: Pick<CliContext, 'env'>, stream: { isTTY?: boolean }): boolean {
  return Boolean(stream.isTTY) && ctx.env.NO_COLOR === undefined && ctx.env.TERM !== 'dumb'
}

/** Rows of cells as an aligned table; numbers right-aligned. */
export function renderTable(header: string[], rows: Array<Array<string | number>>): string {
  const cells = [header, ...rows.map((row) => row.map(String))]
  const widths = header.map((_, column) => Math.max(...cells.map((row) => (row[column] ?? '').length)))
  const isNumeric = header.map(
    (_, column) => rows.length > 0 && rows.every((row) => typeof row[column] === 'number'),
  )
  return (
    cells
      .map((row) =>
        row
          .map((cell, column) =>
            isNumeric[column] ? cell.padStart(widths[column] ?? 0) : cell.padEnd(widths[column] ?? 0),
          )
          .join('  ')
          .trimEnd(),
      )
      .join('\n') + '\n'
  )
}

/** Prints an error the way people and agents both can use, and returns the exit code it maps to. */
export function reportError(
  ctx: Pick<CliContext, 'stderr' | 'env'>,
  error: unknown,
  format: OutputFormat,
): ExitCode {
  const failure = error instanceof PlausibleError ? error : new PlausibleError('INTERNAL', { cause: error })
  if (format === 'json') {
    ctx.stderr.write(`${JSON.stringify({ error: failure.toWire() })}\n`)
  } else {
    const red = useColor(ctx, ctx.stderr)
      ? (text: string) => `\u001b[31m${text}\u001b[39m`
      : (text: string) => text
    ctx.stderr.write(`${red('error:')} ${failure.message}\n`)
    if (failure.hint) ctx.stderr.write(`hint: ${failure.hint}\n`)
  }
  if (failure.code === 'INTERNAL' && ctx.env.PLAUSIBLE_DEBUG === '1' && failure.cause instanceof Error) {
    ctx.stderr.write(`${failure.cause.stack ?? failure.cause.message}\n`)
  }
  return exitCodeOf(failure.code)
}

export { errorCatalog }
