// The action of `plausible accounts add` (registered in add.ts), loaded when the command runs.
import { refuseInsecureHttp } from '../../../core/accounts/insecure-http'
import type { CliContext } from '../../context'
import { emit, formatFrom } from '../../emit'
import { withApi } from '../../shared-options'
import { keyPlace } from './describe-store'
import { readKey } from './read-key'
import type { AddFlags } from './add'

export async function runAccountsAdd(ctx: CliContext, alias: string, flags: AddFlags): Promise<void> {
  await withApi(ctx, { json: flags.json, compact: flags.compact }, async (api) => {
    // Refused before the key is asked for: the core refuses the same, this saves typing it in vain.
    refuseInsecureHttp(
      { alias, baseUrl: flags.baseUrl, ...(flags.allowInsecureHttp ? { allowInsecureHttp: true } : {}) },
      'add',
    )
    const apiKey = await readKey(ctx, flags, `plausible accounts add ${alias}`)
    const result = await api['accounts.add']({
      alias,
      baseUrl: flags.baseUrl,
      apiKey,
      ...(flags.hourlyLimit !== undefined ? { hourlyLimit: flags.hourlyLimit } : {}),
      ...(flags.dailyCap !== undefined ? { dailyCap: flags.dailyCap } : {}),
      ...(flags.default ? { makeDefault: true } : {}),
      verify: flags.verify,
      ...(flags.allowInsecureHttp ? { allowInsecureHttp: true } : {}),
    })
    if (formatFrom(flags) === 'json') return emit(ctx, flags, { value: result })
    const { account } = result
    const daily = account.dailyCap ? `, ${account.dailyCap}/day` : ''
    ctx.stdout.write(
      `Added "${account.alias}" (${account.baseUrl}, ${account.hourlyLimit} requests/hour${daily})${account.isDefault ? ' as the default account' : ''}.\n` +
        `Key ${account.maskedKey ?? ''} ${result.verified ? 'accepted by the server' : 'not checked (--no-verify)'}, kept in ${keyPlace(account.keySource, result.keyStore)}.\n`,
    )
  })
}
