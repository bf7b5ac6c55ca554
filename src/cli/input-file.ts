// A file the user named on the command line (an import, --file): read whole as UTF-8, or a USAGE error
// that names the path and the errno, so "Could not read" says which file and why (ENOENT, EACCES, EISDIR).
import { readFile } from 'node:fs/promises'
import { PlausibleError } from '../shared/errors'

/** `hint` says what file the command wanted, e.g. 'Give the path of an NDJSON or CSV file of events.' */
export async function readInputFile(path: string, hint: string): Promise<string> {
  try {
    return await readFile(path, 'utf8')
  } catch (error) {
    throw new PlausibleError('USAGE', {
      message: `Could not read ${path} (${(error as NodeJS.ErrnoException).code ?? 'read failed'}).`,
      hint,
      cause: error,
    })
  }
}
