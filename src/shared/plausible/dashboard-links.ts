// Pages of a Plausible server's own web dashboard that the product sends people to, where no API does
// the job. Shared by the CLI (prints and opens them) and the window (links).

/**
 * There is no API to reset a site's stats (plausible-api.md §6, §9): the dashboard's danger zone does it,
 * behind a browser session. This is the page to send the user to.
 */
export function dangerZoneUrl(baseUrl: string, domain: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/${encodeURIComponent(domain)}/settings/danger-zone`
}
