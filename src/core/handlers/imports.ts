// imports.* — the history of `events import` runs (core/imports/import-history.ts), each set against the
// previous run of the same source; read from the config folder, costs no request.
import { compareHistory } from '../../shared/imports/import-comparison'
import { createImportHistory } from '../imports/import-history'
import type { DomainHandlers, HandlerDeps } from './types'

export function importHandlers({ configDir }: HandlerDeps): DomainHandlers<'imports'> {
  return {
    async 'imports.list'() {
      return { imports: compareHistory(await createImportHistory(configDir).list()) }
    },
  }
}
