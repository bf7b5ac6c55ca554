// Picks the site, across every configured account (grouped by account when there is more than one).
import type { SiteRef } from '../api/queries'

export interface SiteSelectProps {
  sites: SiteRef[]
  value: SiteRef
  onChange: (site: SiteRef) => void
}

const keyOf = (site: Pick<SiteRef, 'account' | 'domain'>): string => `${site.account}\n${site.domain}`

export function SiteSelect({ sites, value, onChange }: SiteSelectProps): React.JSX.Element {
  // A site opened by link that no account lists still shows, so the page says which site failed.
  const listed = sites.some((site) => keyOf(site) === keyOf(value)) ? sites : [value, ...sites]
  const accounts = [...new Set(listed.map((site) => site.account))]
  const option = (site: SiteRef): React.JSX.Element => (
    <option key={keyOf(site)} value={keyOf(site)}>
      {site.domain}
    </option>
  )
  return (
    <label className="picker picker--site">
      <span className="site-badge" aria-hidden="true">
        {value.domain.charAt(0).toUpperCase()}
      </span>
      <span className="visually-hidden">Site</span>
      <select
        className="picker__select picker__select--site"
        data-testid="site-select"
        value={keyOf(value)}
        onChange={(event) => {
          const next = listed.find((site) => keyOf(site) === event.target.value)
          if (next) onChange(next)
        }}
      >
        {accounts.length > 1
          ? accounts.map((account) => (
              <optgroup key={account} label={account}>
                {listed.filter((site) => site.account === account).map(option)}
              </optgroup>
            ))
          : listed.map(option)}
      </select>
    </label>
  )
}
