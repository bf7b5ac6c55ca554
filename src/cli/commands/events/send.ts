// `plausible events send`: one event (from --data, --file or --stdin) through the crash-safe journal,
// waiting for the server's answer: accepted, dropped (x-plausible-dropped, §7: bots, unknown domains,
// datacenter IPs), or queued for a retry when the server cannot be reached. Field errors are named
// field by field, by the local check or by the server.
import type { Command } from 'commander'
import { describeCommand } from '../../command-meta'
import type { CliContext } from '../../context'
import { addApiOptions, type ConnectionFlags } from '../../shared-options'

export interface SendFlags extends ConnectionFlags {
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
    output: async () => (await import('../../../shared/plausible/event')).EventReceipt,
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
  command.action(async (flags: SendFlags) => (await import('./send-action')).runEventsSend(ctx, flags))
}
