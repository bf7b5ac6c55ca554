// The action of `plausible doctor` (registered in doctor.ts), loaded when the command runs.
import type { CallOutput } from '../../shared/contract'
import { exitCodes, PlausibleError } from '../../shared/errors'
import { prepareConfigDir } from '../../core/config-dir'
import type { CliContext } from '../context'
import { emit } from '../emit'
import { formatOf, reportError, useColor } from '../output'
import { withApi, type ConnectionFlags } from '../shared-options'

const marks = { ok: 'ok  ', warn: 'warn', fail: 'FAIL' } as const

const colours = { ok: '\u001b[32m', warn: '\u001b[33m', fail: '\u001b[31m' } as const

type DoctorReport = CallOutput<'doctor.run'>

async function print(ctx: CliContext, flags: ConnectionFlags, report: DoctorReport): Promise<void> {
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
}

/** An --output that cannot be written still ends with its own error and exit code. */
async function withApiErrors(
  ctx: CliContext,
  flags: ConnectionFlags,
  body: () => Promise<void>,
): Promise<void> {
  try {
    await body()
  } catch (error) {
    process.exitCode = reportError(ctx, error, formatOf(flags))
  }
}

export async function runDoctor(ctx: CliContext, flags: ConnectionFlags): Promise<void> {
  // A config folder that cannot hold files stops every other command (CONFIG_DIR); doctor reports it as
  // its failing check instead, with the path, the cause and the fix.
  const unusable = await prepareConfigDir(ctx.configDir).then(
    () => null,
    (error: unknown) => (error instanceof PlausibleError ? error : null),
  )
  if (unusable) {
    const report: DoctorReport = {
      configDir: ctx.configDir,
      checks: [
        {
          check: 'config-dir',
          account: null,
          status: 'fail',
          message: unusable.message,
          hint: unusable.hint ?? null,
        },
      ],
      ok: 0,
      warn: 0,
      fail: 1,
    }
    await withApiErrors(ctx, flags, () => print(ctx, flags, report))
    return
  }
  await withApi(ctx, flags, async (api, account) => {
    await print(ctx, flags, await api['doctor.run'](account ? { account } : {}))
  })
}
