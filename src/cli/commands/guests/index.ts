// The `plausible guests` commands, registered in the order `--help` lists them.
import type { Command } from 'commander'
import type { CliContext } from '../../context'
import { registerGuestsInvite } from './invite'
import { registerGuestsList } from './list'
import { registerGuestsRemove } from './remove'

export function registerGuestsCommands(guests: Command, ctx: CliContext): void {
  registerGuestsList(guests, ctx)
  registerGuestsInvite(guests, ctx)
  registerGuestsRemove(guests, ctx)
}
