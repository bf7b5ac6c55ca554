// The action of `plausible sites reset` (registered in reset.ts), loaded when the command runs.
import { spawn } from 'node:child_process'
import { z } from 'zod'
import { lazySchema } from '../../../shared/lazy-schema'
import { dangerZoneUrl } from '../../../shared/plausible/dashboard-links'
import { PlausibleError } from '../../../shared/errors'
import type { CliContext } from '../../context'
import { emit } from '../../emit'
import { withApi, type ConnectionFlags } from '../../shared-options'

export const ResetOutput = lazySchema(() =>
  z.object({
    account: z.string(),
    site: z.string(),
    /** The dashboard page with the "Reset stats" button. */
    url: z.string(),
    /** True when the page was handed to the browser. */
    opened: z.boolean(),
  }),
)

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

export async function runSitesReset(
  ctx: CliContext,
  domain: string,
  flags: ConnectionFlags & { open?: boolean },
): Promise<void> {
  await withApi(ctx, flags, async (api, alias) => {
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
  })
}
