// imports.* — the history of `events import` runs (core/imports/import-history.ts), each set against the
// previous run of the same source; read from the config folder, costs no request. The window's imports
// are opened and closed here (imports.start/finish), and counted by events.send (window-imports.ts).
import { compareHistory } from '../../shared/imports/import-comparison'
import { createImportHistory } from '../imports/import-history'
import { createWindowImports, type WindowImports } from '../imports/window-imports'
import type { DomainHandlers, HandlerDeps } from './types'

/** One set of open runs per core, whichever priority's handlers count them. */
export function windowImportsOf({
  configDir,
  queue,
  perCore,
}: Pick<HandlerDeps, 'configDir' | 'queue' | 'perCore'>): WindowImports {
  return perCore('windowImports', () => createWindowImports({ configDir, queue }))
}

export function importHandlers(deps: HandlerDeps): DomainHandlers<'imports'> {
  const { configDir, accounts } = deps
  return {
    async 'imports.list'() {
      return { imports: compareHistory(await createImportHistory(configDir).list()) }
    },
    async 'imports.start'({ account, ...run }) {
      const { alias } = await accounts.resolve(account)
      return windowImportsOf(deps).start({ ...run, account: alias })
    },
    'imports.finish': ({ id }) => windowImportsOf(deps).finish(id),
  }
}
