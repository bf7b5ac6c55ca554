// annotations.* — deploys, campaigns and notes marked on a site's dates, kept in this config folder's
// annotations.json by the core (the app, `plausible ui` and the CLI read the same file). No request.
import { createAnnotationStore } from '../annotations/annotation-store'
import type { DomainHandlers, HandlerDeps } from './types'

export function annotationHandlers({
  accounts,
  clock,
  configDir,
}: HandlerDeps): DomainHandlers<'annotations'> {
  const store = createAnnotationStore({ configDir, clock })
  /** The alias an annotation is kept under: the one given (it must exist), else the default account's. */
  const aliasOf = async (account: string | undefined): Promise<string> =>
    (await accounts.resolve(account)).alias
  return {
    async 'annotations.list'({ account, site }) {
      const alias = await aliasOf(account)
      return { account: alias, annotations: await store.list({ account: alias, ...(site ? { site } : {}) }) }
    },
    async 'annotations.add'({ account, site, date, kind, text }) {
      const alias = await aliasOf(account)
      return { annotation: await store.add({ account: alias, site, date, kind, text }) }
    },
    async 'annotations.remove'({ id }) {
      return { annotation: await store.remove(id) }
    },
  }
}
