// The site switcher across every account: search, recently used first, the account each site belongs
// to, and the 1–9 shortcut numbers of the first nine.
import { useState } from 'react'
import type { SiteRef } from '../api/queries'
import type { SiteKey } from '../hooks/use-selection'
import { Popover } from './popover'
import { SiteIcon } from './site-icon'

export interface SiteSwitcherProps {
  sites: SiteRef[]
  value: SiteRef
  /** Read when the menu opens, so it includes the site just left. */
  recent: () => SiteKey[]
  onChange: (site: SiteRef) => void
  /** Open from outside (the `/` shortcut); the switcher reports every open and close. */
  open?: boolean
  onOpenChange?: (open: boolean) => void
}

const same = (a: SiteKey | SiteRef, b: SiteKey | SiteRef): boolean =>
  a.account === b.account && a.domain === b.domain

export function SiteSwitcher({
  sites,
  value,
  recent,
  onChange,
  open,
  onOpenChange,
}: SiteSwitcherProps): React.JSX.Element {
  const [search, setSearch] = useState('')
  // A site opened by link that no account lists still shows, so the page says which site failed.
  const listed = sites.some((site) => same(site, value)) ? sites : [value, ...sites]
  const accounts = [...new Set(listed.map((site) => site.account))]
  const needle = search.trim().toLowerCase()
  const matching = listed.filter(
    (site) =>
      !needle || site.domain.toLowerCase().includes(needle) || site.account.toLowerCase().includes(needle),
  )
  const recentSites = (): SiteRef[] =>
    recent()
      .map((key) => listed.find((site) => same(site, key)))
      .filter((site): site is SiteRef => site !== undefined)
      .slice(0, 5)

  const item = (site: SiteRef, close: () => void, section: string): React.JSX.Element => {
    const number = listed.indexOf(site) + 1
    return (
      <li key={`${section}:${site.account}/${site.domain}`}>
        <button
          type="button"
          className={same(site, value) ? 'site-item site-item--current' : 'site-item'}
          data-testid="site-option"
          data-domain={site.domain}
          data-account={site.account}
          onClick={() => {
            close()
            setSearch('')
            onChange(site)
          }}
        >
          <SiteIcon domain={site.domain} account={site.account} />
          <span className="site-item__domain">{site.domain}</span>
          <span className="site-item__account">{site.account}</span>
          {number <= 9 ? <kbd className="kbd">{number}</kbd> : null}
        </button>
      </li>
    )
  }

  return (
    <Popover
      {...(open !== undefined ? { open } : {})}
      {...(onOpenChange ? { onOpenChange } : {})}
      testId="site-select"
      className="site-switcher"
      buttonClassName="site-switcher__button"
      label={
        <>
          <SiteIcon domain={value.domain} account={value.account} />
          <span className="site-switcher__domain" data-testid="site-current">
            {value.domain}
          </span>
          <span className="site-switcher__account">{value.account}</span>
          <span className="chevron" aria-hidden="true" />
        </>
      }
    >
      {(close) => (
        <div className="site-menu">
          <input
            className="site-menu__search"
            type="search"
            placeholder="Search sites"
            aria-label="Search sites"
            data-testid="site-search"
            value={search}
            autoFocus
            onChange={(event) => setSearch(event.target.value)}
            onKeyDown={(event) => {
              const first = matching[0]
              if (event.key === 'Enter' && first) {
                close()
                setSearch('')
                onChange(first)
              }
            }}
          />
          {!needle && recentSites().length > 0 ? (
            <>
              <div className="menu-heading">Recently used</div>
              <ul className="site-menu__list" data-testid="recent-sites">
                {recentSites().map((site) => item(site, close, 'recent'))}
              </ul>
            </>
          ) : null}
          {accounts.map((account) => {
            const inAccount = matching.filter((site) => site.account === account)
            if (inAccount.length === 0) return null
            return (
              <div key={account}>
                <div className="menu-heading">Account {account}</div>
                <ul className="site-menu__list" data-testid="site-list">
                  {inAccount.map((site) => item(site, close, 'all'))}
                </ul>
              </div>
            )
          })}
          {matching.length === 0 ? <p className="menu-empty">No site matches “{search}”.</p> : null}
        </div>
      )}
    </Popover>
  )
}
