// `plausible doctor`: checks the config folder and files, the key store, and each account (server
// reachable, capabilities, budget, clock skew); ok / warn / fail per check, exit code 1 on any fail.
import type { Command } from 'commander'
import { calls } from '../../shared/contract'
import { exitCodes } from '../../shared/errors'
import { describeCommand } from '../command-meta'
import type { CliContext } from '../context'
import { emit } from '../emit'
import { useColor } from '../output'
import { addApiOptions, withApi, type ConnectionFlags } from '../shared-options'

const marks = { ok: 'ok  ', warn: 'warn', fail: 'FAIL' } as const
const colours = { ok: '\u001b[32m', warn: '\u001b[33m', fail: '\u001b[31m' } as const

export function registerDoctor(program: Command, ctx: CliContext): void {
  const command = addApiOptions(
    program
      .command('doctor')
      .description(
        'Check the config files, the key store and each account (reachable, capabilities, budget, clock skew).',
      ),
  )
  describeCommand(command, {
    callsApi: true,
    output: calls['doctor.run'].output,
    notes:
      'Each account costs up to three API requests the first time (the capability probe); the health check and clock comparison are free. Exit code 1 when any check fails.',
    examples: [
      { command: 'plausible doctor', description: 'every check, one line each' },
      { command: 'plausible doctor --account work --json', description: 'one account, as JSON' },
    ],
  })
  command.action((flags: ConnectionFlags) =>
    withApi(ctx, flags, async (api, account) => {
      const report = await api['doctor.run'](account ? { account } : {})
      const color = useColor(ctx, ctx.stdout)
      const lines = report.checks.map((check) => {
        const mark = color ? `${colours[check.status]}${marks[check.status]}\u001b[0m` : marks[check.status]
        const who = check.account ? `${check.account}: ` : ''
        const hint = check.hint ? `\n       → ${check.hint}` : ''
        return `${mark}  ${check.check.padEnd(14)} ${who}${check.message}${hint}`
      })
      await emit(ctx, flags, {
        value: report,
        rows: report.checks.map((check) => ({ ...check })),
        text: `${lines.join('\n')}\n\n${report.ok} ok, ${report.warn} warning(s), ${report.fail} failure(s).\n`,
      })
      if (report.fail > 0) process.exitCode = exitCodes.internal
    }),
  )
}
