// The `plausible sites` commands, registered in the order `--help` lists them.
import type { Command } from 'commander'
import type { CliContext } from '../../context'
import { registerSitesCreate } from './create'
import { registerSitesDelete } from './delete'
import { registerSitesGet } from './get'
import { registerSitesList } from './list'
import { registerSitesOverview } from './overview'
import { registerSitesReset } from './reset'
import { registerSitesUpdate } from './update'

export function registerSitesCommands(sites: Command, ctx: CliContext): void {
  registerSitesList(sites, ctx)
  registerSitesOverview(sites, ctx)
  registerSitesGet(sites, ctx)
  registerSitesCreate(sites, ctx)
  registerSitesUpdate(sites, ctx)
  registerSitesDelete(sites, ctx)
  registerSitesReset(sites, ctx)
}
