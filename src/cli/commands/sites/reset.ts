// `plausible sites reset <domain>`: no API resets a site's stats (plausible-api.md §6, §9); only the
// dashboard's danger zone does, behind a browser session. This prints that page and opens it on a terminal.
import { spawn } from 'node:child_process'
import type { Command } from 'commander'
import { z } from 'zod'
import { dangerZoneUrl } from '../../../shared/plausible/dashboard-links'
import { PlausibleError } from '../../../shared/errors'
import { describeCommand } from '../../command-meta'
import type { CliContext } from '../../context'
import { emit } from '../../emit'
import { addApiOptions, withApi, type ConnectionFlags } from '../../shared-options'

export const ResetOutput = z.object({
  account: z.string(),
  site: z.string(),
  /** The dashboard page with the "Reset stats" button. */
  url: z.string(),
  /** True when the page was handed to the browser. */
  opened: z.boolean(),
})

export function registerSitesReset(sites: Command, ctx: CliContext): void {
  const command = addApiOptions(
    sites
      .command('reset')
      .argument('<domain>', 'the site whose stats to reset')
      .description("Print (and open) the dashboard page that resets a site's stats: no API can do it.")
      .option('--no-open', 'only print the link, even on a terminal'),
  )
  describeCommand(command, {
    callsApi: false,
    output: ResetOutput,
    notes:
      "Plausible has no API to reset stats; the dashboard's danger zone does it after you sign in. Nothing is sent.",
    examples: [
      { command: 'plausible sites reset example.com', description: 'open the danger zone in the browser' },
      {
        command: 'plausible sites reset example.com --no-open --json',
        description: 'just the link, as JSON',
      },
    ],
  })
  command.action((domain: string, flags: ConnectionFlags & { open?: boolean }) =>
    withApi(ctx, flags, async (api, alias) => {
      const { accounts } = await api['accounts.list']({})
      const account = alias
        ? accounts.find((candidate) => candidate.alias === alias)
        : accounts.find((candidate) => candidate.isDefault)
      if (!account)
        throw new PlausibleError(alias ? 'ACCOUNT_NOT_FOUND' : 'NO_ACCOUNT', {
          ...(alias ? { message: `There is no account "${alias}".` } : {}),
        })
      const baseUrl = flags.baseUrl ?? account.baseUrl
      if (account.isDemo && !flags.baseUrl)
        throw new PlausibleError('USAGE', {
          message: 'The Demo account has no dashboard to reset stats in.',
          hint: 'Name a real account with --account, or give the server with --base-url.',
        })
      const url = dangerZoneUrl(baseUrl, domain)
      const shouldOpen = flags.open !== false && Boolean(ctx.stdout.isTTY) && !flags.dryRun
      const opened = shouldOpen && openInBrowser(url)
      await emit(ctx, flags, {
        value: { account: account.alias, site: domain, url, opened },
        text: `No API resets stats: sign in and use "Reset stats" in the danger zone:\n${url}\n${opened ? '(opened in your browser)\n' : ''}`,
      })
    }),
  )
}

/** Hands the URL to the desktop's browser; false when no opener could be started. */
function openInBrowser(url: string): boolean {
  const [command, args] =
    process.platform === 'darwin'
      ? ['open', [url]]
      : process.platform === 'win32'
        ? ['cmd', ['/c', 'start', '""', url]]
        : ['xdg-open', [url]]
  try {
    const child = spawn(command, args, { detached: true, stdio: 'ignore' })
    child.on('error', () => undefined)
    child.unref()
    return true
  } catch {
    return false
  }
}
