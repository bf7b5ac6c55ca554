// The `plausible accounts` commands, registered in the order `--help` lists them.
import type { Command } from 'commander'
import type { CliContext } from '../../context'
import { registerAccountsAdd } from './add'
import { registerAccountsAllowInsecureHttp } from './allow-insecure-http'
import { registerAccountsBudget } from './budget'
import { registerAccountsExport } from './export'
import { registerAccountsImport } from './import'
import { registerAccountsList } from './list'
import { registerAccountsRemove } from './remove'
import { registerAccountsRotate } from './rotate'
import { registerAccountsUse } from './use'

export function registerAccountsCommands(accounts: Command, ctx: CliContext): void {
  registerAccountsList(accounts, ctx)
  registerAccountsAdd(accounts, ctx)
  registerAccountsUse(accounts, ctx)
  registerAccountsRemove(accounts, ctx)
  registerAccountsRotate(accounts, ctx)
  registerAccountsBudget(accounts, ctx)
  registerAccountsAllowInsecureHttp(accounts, ctx)
  registerAccountsExport(accounts, ctx)
  registerAccountsImport(accounts, ctx)
}
