// The `plausible shared-links` commands.
import type { Command } from 'commander'
import type { CliContext } from '../../context'
import { registerSharedLinksCreate } from './create'

export function registerSharedLinksCommands(links: Command, ctx: CliContext): void {
  registerSharedLinksCreate(links, ctx)
}
