// The `plausible goals` commands, registered in the order `--help` lists them.
import type { Command } from 'commander'
import type { CliContext } from '../../context'
import { registerGoalsAdd } from './add'
import { registerGoalsList } from './list'
import { registerGoalsRemove } from './remove'

export function registerGoalsCommands(goals: Command, ctx: CliContext): void {
  registerGoalsList(goals, ctx)
  registerGoalsAdd(goals, ctx)
  registerGoalsRemove(goals, ctx)
}
