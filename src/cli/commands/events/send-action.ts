// The action of `plausible events send` (registered in send.ts), loaded when the command runs.
import { EventReceipt, type EventInput } from '../../../shared/plausible/event'
import { PlausibleError } from '../../../shared/errors'
import type { CliContext } from '../../context'
import { emit } from '../../emit'
import { readInputFile } from '../../input-file'
import { withApi } from '../../shared-options'
import type { SendFlags } from './send'

async function readEventText(ctx: CliContext, flags: SendFlags): Promise<{ text: string; source: string }> {
  const given = [flags.data !== undefined, flags.file !== undefined, flags.stdin === true].filter(
    Boolean,
  ).length
  if (given !== 1)
    throw new PlausibleError('USAGE', {
      message: given === 0 ? 'events send needs the event.' : 'Give the event one way only.',
      hint: 'Use exactly one of --data \'{"name":"pageview","url":"https://example.com/"}\', --file event.json or --stdin.',
    })
  if (flags.data !== undefined) return { text: flags.data, source: '--data' }
  if (flags.file !== undefined) {
    return {
      text: await readInputFile(
        flags.file,
        'Give --file a JSON file that exists; plausible events template prints one to start from.',
      ),
      source: flags.file,
    }
  }
  let text = ''
  for await (const chunk of ctx.stdin ?? process.stdin)
    text += typeof chunk === 'string' ? chunk : (chunk as Buffer).toString('utf8')
  // JSON.parse would say "Unexpected end of JSON input", which does not tell that nothing came.
  if (text.trim() === '')
    throw new PlausibleError('USAGE', {
      message: 'stdin was empty: --stdin reads the event from it, and nothing came.',
      hint: 'Pipe one JSON event in, e.g. plausible events template --name Signup | plausible events send --stdin',
    })
  return { text, source: 'stdin' }
}

function parseEvent({ text, source }: { text: string; source: string }): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text)
    if (value && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>
  } catch (error) {
    throw new PlausibleError('USAGE', {
      message: `The event in ${source} is not JSON: ${(error as Error).message}.`,
      hint: 'An event is one JSON object; plausible events template prints one to start from.',
    })
  }
  throw new PlausibleError('USAGE', {
    message: `The event in ${source} is not a JSON object.`,
    hint: 'An event is one JSON object such as {"name":"pageview","url":"https://example.com/"}.',
  })
}

export function describeReceipt(receipt: EventReceipt): string {
  switch (receipt.status) {
    case 'accepted':
      return receipt.isRepeat
        ? `already accepted earlier under this idempotency key; nothing was sent now (job ${receipt.jobId})`
        : `accepted (job ${receipt.jobId})`
    case 'dropped':
      return `dropped by the server (${receipt.dropped ?? 1}): it was received but discarded — bot User-Agent, unknown domain, datacenter IP or a blocked site (job ${receipt.jobId})`
    case 'queued':
      return `queued: ${receipt.retry?.message ?? 'not delivered yet'}; the journal sends it again at ${receipt.retry?.nextAttemptAt ?? 'the next try'} (job ${receipt.jobId}, see plausible queue inspect)`
  }
}

export async function runEventsSend(ctx: CliContext, flags: SendFlags): Promise<void> {
  await withApi(ctx, flags, async (api, account) => {
    const parsed = parseEvent(await readEventText(ctx, flags))
    const event = flags.domain === undefined ? parsed : { ...parsed, domain: flags.domain }
    const receipt = await api['events.send']({
      ...(account ? { account } : {}),
      // Checked against the contract's event schema where the call is dispatched.
      event: event as EventInput,
      ...(flags.userAgent ? { userAgent: flags.userAgent } : {}),
      ...(flags.forwardedFor ? { forwardedFor: flags.forwardedFor } : {}),
      ...(flags.idempotencyKey ? { idempotencyKey: flags.idempotencyKey } : {}),
    })
    await emit(ctx, flags, { value: receipt, text: `${describeReceipt(receipt)}\n` })
  })
}
