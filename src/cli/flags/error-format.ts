// How errors are printed, read from the raw command line: a usage error (an unknown option, a bad
// --metric, a missing argument) happens before commander hands any parsed flags over, and an agent that
// asked for JSON must still get the JSON envelope, not commander's text.
import { formatOf, type OutputFormat } from '../output'

/** The output flags as they appear in argv (before `--`), read the way formatOf reads parsed ones. */
export function errorFormatOfArgv(argv: readonly string[]): OutputFormat {
  const flags: { json?: boolean; format?: string; compact?: boolean } = {}
  for (let at = 0; at < argv.length; at++) {
    const arg = argv[at] as string
    if (arg === '--') break
    if (arg === '--json') flags.json = true
    else if (arg === '--compact') flags.compact = true
    else if (arg === '--csv') flags.format = 'csv'
    else if (arg === '--ndjson') flags.format = 'ndjson'
    else if (arg === '--format' && at + 1 < argv.length) flags.format = argv[++at]
    else if (arg.startsWith('--format=')) flags.format = arg.slice('--format='.length)
  }
  return formatOf(flags)
}
