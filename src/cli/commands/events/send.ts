// `plausible events send`: one event (from --data, --file or --stdin) through the crash-safe journal,
// waiting for the server's answer: accepted, dropped (x-plausible-dropped, §7: bots, unknown domains,
// datacenter IPs), or queued for a retry when the server cannot be reached. Field errors are named
// field by field, by the local check or by the server.
import type { Command } from 'commander'
import { EventReceipt, type EventInput } from '../../../shared/plausible/event'
import { PlausibleError } from '../../../shared/errors'
import { describeCommand } from '../../command-meta'
import type { CliContext } from '../../context'
import { emit } from '../../emit'
import { readInputFile } from '../../input-file'
import { addApiOptions, withApi, type ConnectionFlags } from '../../shared-options'

interface SendFlags extends ConnectionFlags {
  data?: string
  file?: string
  stdin?: boolean
  userAgent?: string
  forwardedFor?: string
  idempotencyKey?: string
  domain?: string
}

export function registerEventsSend(events: Command, ctx: CliContext): void {
  const command = addApiOptions(
    events
      .command('send')
      .description('Send one event through the journal and print what the server did with it.')
      .option('--data <json>', 'the event as JSON: {"name":"pageview","url":"https://example.com/"}')
      .option('--file <path>', 'read the event from a JSON file (see events template)')
      .option('--stdin', 'read the event from stdin')
      .option(
        '--domain <domain>',
        "the site's domain for this event, in place of the event's own (default: the event's domain, else its url's host)",
      )
      .option('--user-agent <ua>', "the visitor's User-Agent (the server drops bots)")
      .option(
        '--forwarded-for <ip>',
        "the visitor's IP, sent as X-Forwarded-For (datacenter IPs are dropped)",
      )
      .option(
        '--idempotency-key <key>',
        'your name for this event: the same key again (same account) prints the first receipt and sends nothing',
      ),
  )
  describeCommand(command, {
    callsApi: true,
    output: EventReceipt,
    notes:
      'Exactly one of --data, --file and --stdin. A dropped event was received but discarded by the server.',
    examples: [
      {
        command:
          'plausible events send --data \'{"name":"pageview","url":"https://example.com/pricing"}\' --user-agent "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"',
        description: 'one pageview, as a browser would send it',
      },
      {
        command: 'plausible events template --name Signup | plausible events send --stdin --json',
        description: 'a custom event from the template, the receipt as JSON',
      },
      {
        command: 'plausible events send --file order-1042.json --idempotency-key order-1042 --json',
        description: 'safe to retry from a script: a second run reports isRepeat instead of sending again',
      },
      {
        command: 'plausible events send --file signup.json --dry-run',
        description: 'show the request without sending or journaling it',
      },
    ],
  })
  command.action((flags: SendFlags) =>
    withApi(ctx, flags, async (api, account) => {
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
    }),
  )
}

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
