// The tray's pinned sites: pick any site of any account, reorder with buttons (the first is the tray's
// title), unpin. Every edit sends the whole list with `pins.set`; the list shown is the core's answer.
// Unpinning also drops the site's alert lines: the core does it in the same write (glance-settings.ts).
import { useEffect, useRef, useState } from 'react'
import type { PinnedSite } from '../../../../shared/contract/glance'
import { useCallMutation } from '../../api/mutations'
import type { SitesResult } from '../../api/queries'
import { addPin, movePin, pinListProblem, removePin, samePin } from '../../forms/pin-list'
import { ErrorPanel } from '../error-panel'
import { SiteIcon } from '../site-icon'
import { SaveNote } from './save-note'

const keyOf = (pin: PinnedSite): string => `${pin.account}/${pin.site}`

export function PinnedSitesCard({
  pins,
  sites,
}: {
  pins: PinnedSite[]
  sites: SitesResult
}): React.JSX.Element {
  const save = useCallMutation('pins.set', ['pins.list', 'tray.get', 'alerts.get'])
  const [choice, setChoice] = useState('')
  const [problem, setProblem] = useState<string | null>(null)
  // After a move the row is re-rendered elsewhere; focus follows it so the keyboard can keep moving it.
  const focusAfter = useRef<{ key: string; move: 'up' | 'down' } | null>(null)
  const list = useRef<HTMLOListElement>(null)
  useEffect(() => {
    const target = focusAfter.current
    if (!target || save.isPending) return
    focusAfter.current = null
    const row = list.current?.querySelector(`[data-pin-key="${CSS.escape(target.key)}"]`)
    const wanted = row?.querySelector<HTMLButtonElement>(`[data-move="${target.move}"]:not(:disabled)`)
    const other = row?.querySelector<HTMLButtonElement>('[data-move]:not(:disabled)')
    ;(wanted ?? other)?.focus()
  }, [pins, save.isPending])

  const send = (next: PinnedSite[]): void => {
    const listProblem = pinListProblem(next)
    setProblem(listProblem)
    if (!listProblem) save.mutate({ pins: next })
  }
  const unpinned = sites.sites.filter(
    (site) => !pins.some((pin) => samePin(pin, { account: site.account, site: site.domain })),
  )
  const accounts = [...new Set(unpinned.map((site) => site.account))]
  const chosen = unpinned.find((site) => `${site.account}/${site.domain}` === choice) ?? unpinned[0]

  return (
    <section className="card" data-testid="pins-card" aria-labelledby="pins-title">
      <div className="card__head">
        <h2 id="pins-title" className="card__title">
          Pinned sites
        </h2>
        <span className="card__intro">
          The tray polls these for current visitors, in this order. Each costs one request per round, so more
          pins make rounds rarer.
        </span>
      </div>
      {pins.length === 0 ? (
        <p className="explain" data-testid="pins-empty">
          No site is pinned: the tray shows the budget only. Pin a site below.
        </p>
      ) : (
        <>
          <p className="explain" data-testid="pins-primary">
            <strong>{pins[0]!.site}</strong> ({pins[0]!.account}) is first, so the tray’s title shows its
            visitors; the others are in the tray’s menu.
          </p>
          <ol className="pin-list" ref={list} data-testid="pin-list">
            {pins.map((pin, index) => (
              <li
                key={keyOf(pin)}
                className="pin-row"
                data-testid="pin-row"
                data-pin-key={keyOf(pin)}
                data-site={pin.site}
                data-account={pin.account}
                data-position={index + 1}
              >
                <span className="pin-row__position" aria-hidden="true">
                  {index + 1}
                </span>
                <SiteIcon domain={pin.site} account={pin.account} />
                <span className="pin-row__site">{pin.site}</span>
                <span className="site-item__account">{pin.account}</span>
                {index === 0 ? (
                  <span className="badge badge--accent" data-testid="pin-primary">
                    tray title
                  </span>
                ) : null}
                <span className="pin-row__actions">
                  <button
                    type="button"
                    className="button button--small button--ghost"
                    data-move="up"
                    data-testid="pin-up"
                    aria-label={`Move ${pin.site} (${pin.account}) up`}
                    disabled={index === 0 || save.isPending}
                    onClick={() => {
                      focusAfter.current = { key: keyOf(pin), move: 'up' }
                      send(movePin(pins, index, -1))
                    }}
                  >
                    ↑ Up
                  </button>
                  <button
                    type="button"
                    className="button button--small button--ghost"
                    data-move="down"
                    data-testid="pin-down"
                    aria-label={`Move ${pin.site} (${pin.account}) down`}
                    disabled={index === pins.length - 1 || save.isPending}
                    onClick={() => {
                      focusAfter.current = { key: keyOf(pin), move: 'down' }
                      send(movePin(pins, index, 1))
                    }}
                  >
                    ↓ Down
                  </button>
                  <button
                    type="button"
                    className="button button--small button--ghost button--danger"
                    data-testid="pin-remove"
                    aria-label={`Unpin ${pin.site} (${pin.account})`}
                    disabled={save.isPending}
                    onClick={() => send(removePin(pins, index))}
                  >
                    Unpin
                  </button>
                </span>
              </li>
            ))}
          </ol>
        </>
      )}
      {sites.error ? (
        <ErrorPanel error={sites.error} compact onRetry={sites.refetch} />
      ) : (
        <form
          className="inline-form"
          onSubmit={(event) => {
            event.preventDefault()
            if (chosen) send(addPin(pins, { account: chosen.account, site: chosen.domain }))
          }}
        >
          <label className="field">
            Site to pin
            <select
              data-testid="pin-choice"
              value={chosen ? `${chosen.account}/${chosen.domain}` : ''}
              disabled={unpinned.length === 0}
              onChange={(event) => setChoice(event.target.value)}
            >
              {unpinned.length === 0 ? (
                <option value="">{sites.isPending ? 'Listing sites…' : 'Every listed site is pinned'}</option>
              ) : null}
              {accounts.map((account) => (
                <optgroup key={account} label={`Account ${account}`}>
                  {unpinned
                    .filter((site) => site.account === account)
                    .map((site) => (
                      <option key={site.domain} value={`${site.account}/${site.domain}`}>
                        {site.domain} ({site.account})
                      </option>
                    ))}
                </optgroup>
              ))}
            </select>
          </label>
          <button type="submit" className="button" data-testid="pin-add" disabled={!chosen || save.isPending}>
            Pin
          </button>
          {problem ? (
            <p className="form__problem" role="alert" data-testid="pins-problem">
              {problem}
            </p>
          ) : null}
          <SaveNote state={save} testId="pins-note" />
        </form>
      )}
    </section>
  )
}
