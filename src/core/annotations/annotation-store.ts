// The annotations of this config folder: annotations.json (0600, written atomically, temp file and rename),
// changed under a lock so the app, `plausible ui` and a CLI adding at the same moment never lose each
// other's entries. Synced nowhere and sent nowhere: annotations cost no request.
import { randomBytes } from 'node:crypto'
import { join } from 'node:path'
import { z } from 'zod'
import { lazySchema } from '../../shared/lazy-schema'
import { Annotation, sortAnnotations, type AnnotationKind } from '../../shared/annotations/annotation'
import { PlausibleError } from '../../shared/errors'
import { writeFileAtomic } from '../budget/atomic-file'
import { withFileLock } from '../budget/file-lock'
import { readJsonFile } from '../glance/json-file'
import type { Clock } from '../ports'

export const annotationsFileName = 'annotations.json'

const AnnotationFile = lazySchema(() => z.object({ version: z.literal(1), annotations: z.array(Annotation) }))

export interface AnnotationStoreDeps {
  configDir: string
  clock: Clock
  /** A file that could not be read was moved aside: say so (design.md "Data on disk"). */
  onWarning?: (message: string) => void
  /** Ids are random; tests may fix them. */
  newId?: () => string
}

export interface NewAnnotation {
  account: string
  site: string
  date: string
  kind: AnnotationKind
  text: string
}

export interface AnnotationFilter {
  account: string
  /** One site's, or every site's of the account. */
  site?: string
}

export interface AnnotationStore {
  list(filter: AnnotationFilter): Promise<Annotation[]>
  add(entry: NewAnnotation): Promise<Annotation>
  remove(id: string): Promise<Annotation>
}

export function createAnnotationStore(deps: AnnotationStoreDeps): AnnotationStore {
  const path = join(deps.configDir, annotationsFileName)
  const lockPath = `${path}.lock`
  const newId = deps.newId ?? (() => `a-${randomBytes(5).toString('hex')}`)

  async function read(): Promise<Annotation[]> {
    const file = await readJsonFile(path, AnnotationFile, {
      now: deps.clock,
      onCorrupt: ({ movedTo, reason }) =>
        deps.onWarning?.(`The annotations could not be read (${reason}); the file was moved to ${movedTo}.`),
    })
    return file?.annotations ?? []
  }

  const write = (annotations: readonly Annotation[]): Promise<void> =>
    writeFileAtomic(
      path,
      `${JSON.stringify({ version: 1, annotations: sortAnnotations(annotations) }, null, 2)}\n`,
      0o600,
    )

  return {
    async list({ account, site }) {
      return sortAnnotations(
        (await read()).filter(
          (entry) => entry.account === account && (site === undefined || entry.site === site),
        ),
      )
    },
    async add(entry) {
      // Checked before the lock is taken: a refused entry touches nothing (and comes back as a rejection).
      const annotation = Annotation.parse({
        id: newId(),
        ...entry,
        createdAt: new Date(deps.clock()).toISOString(),
      })
      return withFileLock(lockPath, async () => {
        await write([...(await read()), annotation])
        return annotation
      })
    },
    remove(id) {
      return withFileLock(lockPath, async () => {
        const all = await read()
        const found = all.find((entry) => entry.id === id)
        if (!found)
          throw new PlausibleError('NOT_FOUND', {
            message: `There is no annotation "${id}".`,
            hint: 'Run `plausible annotations list` to see the ids.',
          })
        await write(all.filter((entry) => entry.id !== id))
        return found
      })
    },
  }
}
