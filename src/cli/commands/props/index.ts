// The `plausible props` commands, registered in the order `--help` lists them.
import type { Command } from 'commander'
import type { CliContext } from '../../context'
import { registerPropsAdd } from './add'
import { registerPropsList } from './list'
import { registerPropsRemove } from './remove'

export function registerPropsCommands(props: Command, ctx: CliContext): void {
  registerPropsList(props, ctx)
  registerPropsAdd(props, ctx)
  registerPropsRemove(props, ctx)
}
