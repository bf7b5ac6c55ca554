// accounts.* — the configured accounts, never their keys.
import type { DomainHandlers, HandlerDeps } from './types'

export function accountHandlers({ accounts, demo }: HandlerDeps): DomainHandlers<'accounts'> {
  return {
    async 'accounts.list'() {
      const list = await accounts.list()
      const sandbox = list.some((account) => account.isDemo) ? await demo.get() : null
      return {
        accounts: list.map((account) =>
          account.isDemo && sandbox ? { ...account, baseUrl: sandbox.baseUrl } : account,
        ),
      }
    },
  }
}
