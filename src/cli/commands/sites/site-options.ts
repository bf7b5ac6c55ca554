// Flags the site-management commands share: --site, the tracker script switches, the account input,
// and the question a destructive command asks on a terminal.
import { InvalidArgumentError, Option, type Command } from 'commander'
import type { TrackerScriptSettings } from '../../../shared/contract/site-management'
import { PlausibleError } from '../../../shared/errors'
import type { CliContext } from '../../context'

export function addSiteOption(command: Command): Command {
  return command.requiredOption('--site <domain>', 'site domain, e.g. example.com')
}

/** `{ account }` when one was named (flag or PLAUSIBLE_ACCOUNT), else nothing: the default account. */
export const accountInput = (account: string | undefined): { account?: string } =>
  account ? { account } : {}

/** Flag name → the contract's tracker setting; each gets --x and --no-x, unset unless given. */
const trackerSwitches = {
  'track-404-pages': ['track404Pages', 'track 404 pages'],
  'hash-based-routing': ['hashBasedRouting', 'count #fragment changes as pageviews'],
  'outbound-links': ['outboundLinks', 'track clicks on outbound links'],
  'file-downloads': ['fileDownloads', 'track file downloads'],
  'revenue-tracking': ['revenueTracking', 'track revenue of goals'],
  'tagged-events': ['taggedEvents', 'track tagged CSS-class events'],
  'form-submissions': ['formSubmissions', 'track form submissions'],
  'pageview-props': ['pageviewProps', 'send custom props with pageviews'],
} as const satisfies Record<string, readonly [keyof TrackerScriptSettings, string]>

export type TrackerFlags = { installationType?: 'manual' | 'wordpress' | 'gtm' } & Partial<
  Record<(typeof trackerSwitches)[keyof typeof trackerSwitches][0], boolean>
>

export function addTrackerOptions(command: Command): Command {
  for (const [flag, [, description]] of Object.entries(trackerSwitches)) {
    command.option(`--${flag}`, `tracker script: ${description}`)
    command.option(`--no-${flag}`, `tracker script: do not ${description}`)
  }
  return command.addOption(
    new Option('--installation-type <type>', 'how the script is installed').choices([
      'manual',
      'wordpress',
      'gtm',
    ]),
  )
}

/** The tracker settings the flags name; undefined when none was given. */
export function trackerFrom(flags: TrackerFlags): TrackerScriptSettings | undefined {
  const settings: TrackerScriptSettings = {}
  for (const [name] of Object.values(trackerSwitches)) {
    const value = flags[name]
    if (value !== undefined) settings[name] = value
  }
  if (flags.installationType) settings.installationType = flags.installationType
  return Object.keys(settings).length > 0 ? settings : undefined
}

export function positiveId(label: string): (value: string) => number {
  return (value) => {
    const number = Number(value)
    if (!Number.isInteger(number) || number < 1)
      throw new InvalidArgumentError(`${label} is a whole number such as 7 (see \`plausible goals list\`).`)
    return number
  }
}

/**
 * A destructive command goes ahead with --force, or with a "yes" typed on a terminal. Without a terminal
 * and without --force it stops with a usage error naming --force, so a script never deletes by accident.
 */
export async function confirmOrForce(
  ctx: CliContext,
  options: { force?: boolean; question: string; forceHint: string },
): Promise<boolean> {
  if (options.force) return true
  const input = ctx.stdin ?? process.stdin
  if (!input.isTTY)
    throw new PlausibleError('USAGE', {
      message: `Nothing was deleted: no terminal is attached to confirm it.`,
      hint: options.forceHint,
    })
  // readline loads only for the prompt: the options above are registered for every command's help.
  const { createInterface } = await import('node:readline/promises')
  const prompt = createInterface({ input, output: ctx.stderr, terminal: true })
  try {
    const answer = await prompt.question(`${options.question} [y/N] `)
    return /^(y|yes)$/i.test(answer.trim())
  } finally {
    prompt.close()
  }
}
