// The action of `plausible events template` (registered in template.ts), loaded when the command runs.
import { EventInput } from '../../../shared/plausible/event'
import type { CliContext } from '../../context'
import { emit } from '../../emit'
import { formatOf, reportError } from '../../output'
import type { TemplateFlags } from './template'

export async function runEventsTemplate(ctx: CliContext, flags: TemplateFlags): Promise<void> {
  try {
    const domain = flags.site ?? 'example.com'
    const name = flags.name ?? 'pageview'
    const event = EventInput.parse({
      name,
      url: `https://${domain}/${name === 'pageview' ? '' : 'register'}`,
      domain,
      referrer: 'https://www.google.com/',
      // Props need a matching allowlist entry on the site to show in the dashboard (§7, `props add`).
      props: { plan: 'free' },
    })
    await emit(ctx, flags, { value: event, text: `${JSON.stringify(event, null, 2)}\n` })
  } catch (error) {
    process.exitCode = reportError(ctx, error, formatOf(flags))
  }
}
