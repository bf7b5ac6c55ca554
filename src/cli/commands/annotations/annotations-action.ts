// The actions of `plausible annotations …` (registered in annotations.ts), loaded when one runs.
import { annotationsCsv, annotationsJson } from '../../../shared/annotations/annotation'
import type { CliContext } from '../../context'
import { emit, render } from '../../emit'
import { withApi, type ConnectionFlags } from '../../shared-options'
import { accountInput } from '../sites/site-options'
import type { AnnotationsAddFlags, AnnotationsExportFlags, AnnotationsListFlags } from './annotations'

export async function runAnnotationsList(ctx: CliContext, flags: AnnotationsListFlags): Promise<void> {
  await withApi(ctx, flags, async (api, account) => {
    const result = await api['annotations.list']({
      ...accountInput(account),
      ...(flags.site ? { site: flags.site } : {}),
    })
    await emit(ctx, flags, {
      value: result,
      rows: result.annotations.map(({ id, date, site, kind, text }) => ({ id, date, site, kind, text })),
      ...(result.annotations.length === 0
        ? {
            text: `No annotations${flags.site ? ` for ${flags.site}` : ''} in account ${result.account}. Add one with \`plausible annotations add\`.\n`,
          }
        : {}),
    })
  })
}

export async function runAnnotationsAdd(ctx: CliContext, flags: AnnotationsAddFlags): Promise<void> {
  await withApi(ctx, flags, async (api, account) => {
    const result = await api['annotations.add']({
      ...accountInput(account),
      site: flags.site,
      date: flags.date,
      text: flags.text,
      ...(flags.kind ? { kind: flags.kind } : {}),
    })
    const { annotation } = result
    print(
      ctx,
      flags,
      result,
      `Added ${annotation.id}: ${annotation.kind} on ${annotation.date} for ${annotation.site} (${annotation.account}).\n`,
    )
  })
}

export async function runAnnotationsRemove(
  ctx: CliContext,
  id: string,
  flags: ConnectionFlags,
): Promise<void> {
  await withApi(ctx, flags, async (api) => {
    const result = await api['annotations.remove']({ id })
    const { annotation } = result
    print(
      ctx,
      flags,
      result,
      `Removed ${annotation.id} (${annotation.kind} on ${annotation.date} for ${annotation.site}).\n`,
    )
  })
}

export async function runAnnotationsExport(ctx: CliContext, flags: AnnotationsExportFlags): Promise<void> {
  await withApi(ctx, { ...(flags.account ? { account: flags.account } : {}) }, async (api, account) => {
    const { annotations } = await api['annotations.list']({
      ...accountInput(account),
      ...(flags.site ? { site: flags.site } : {}),
    })
    const text = flags.format === 'json' ? annotationsJson(annotations) : annotationsCsv(annotations)
    if (!flags.output) {
      ctx.stdout.write(text)
      return
    }
    const { writeOutputFile } = await import('../../output-file')
    await writeOutputFile(flags.output, text, { streams: { stdout: ctx.stdout, stderr: ctx.stderr } })
  })
}

function print(ctx: CliContext, flags: ConnectionFlags, value: unknown, text: string): void {
  const json = flags.json === true || flags.compact === true
  ctx.stdout.write(json ? render('json', flags.compact === true, { value }) : text)
}
