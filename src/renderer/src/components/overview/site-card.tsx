// One site on the overview: its letter tile, domain and account, the last 24 hours' visitors with the
// change against the 24 hours before, the hourly line, and current visitors where the tray samples them.
// Numbers that are not fresh say how old they are; a site's own failure stays on its card.
import type { OverviewCard } from '../../../../shared/contract/overview'
import { ageText } from '../../../../shared/stats/age-text'
import { formatShortNumber } from '../../../../shared/stats/format'
import { SiteIcon } from '../site-icon'
import { DaySparkline } from './day-sparkline'

export interface SiteCardProps {
  card: OverviewCard
  /** When the card's account reads again (ms), for a card waiting on its budget; null: not known. */
  nextReadAt: number | null
  now: number
  /** Only the card the arrow keys are on is in the Tab order (one stop for the whole grid). */
  tabbable: boolean
  onOpen: (card: OverviewCard) => void
  onFocus: () => void
}

/** What the card says about its numbers; also its `data-state` for tests. */
export type CardState = 'loading' | 'fresh' | 'stale' | 'budget' | 'error'

export function cardState(card: OverviewCard): CardState {
  if (card.error) return 'error'
  if (card.stale === 'budget' || card.stale === 'rate-limited') return 'budget'
  if (card.stale) return 'stale'
  return card.asOf === null ? 'loading' : 'fresh'
}

const clock = (ms: number): string =>
  new Date(ms).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })

export function SiteCard({
  card,
  nextReadAt,
  now,
  tabbable,
  onOpen,
  onFocus,
}: SiteCardProps): React.JSX.Element {
  const href = `?${new URLSearchParams({ site: card.site, account: card.account }).toString()}#/dashboard`
  const state = cardState(card)
  const readAt = card.asOf === null ? null : Date.parse(card.asOf)
  return (
    <a
      href={href}
      className={`site-card site-card--${state}`}
      data-testid="site-card"
      data-account={card.account}
      data-site={card.site}
      data-state={state}
      data-pinned={card.pinIndex !== null}
      data-visitors={card.visitors ?? ''}
      data-previous-visitors={card.previousVisitors ?? ''}
      data-change={card.change ?? ''}
      data-as-of={card.asOf ?? ''}
      tabIndex={tabbable ? 0 : -1}
      onFocus={onFocus}
      onClick={(event) => {
        if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return
        event.preventDefault()
        onOpen(card)
      }}
    >
      <span className="site-card__head">
        <SiteIcon domain={card.site} account={card.account} />
        <span className="site-card__names">
          <span className="site-card__domain" title={card.site} data-testid="card-site">
            {card.site}
          </span>
          <span className="badge site-card__account" data-testid="card-account">
            {card.account}
          </span>
        </span>
        {card.pinIndex !== null ? (
          <span className="site-card__pin" title="Pinned in the tray" data-testid="card-pinned">
            <span aria-hidden="true">★</span>
            <span className="visually-hidden">Pinned</span>
          </span>
        ) : null}
      </span>
      <span className="site-card__numbers">
        <span className="site-card__visitors">
          <span className="site-card__value" data-testid="card-visitors">
            {card.visitors === null ? '–' : formatShortNumber(card.visitors)}
          </span>
          <span className="site-card__unit">visitors, 24 h</span>
        </span>
        <Change change={card.change} />
      </span>
      <DaySparkline
        values={card.sparkline.map((hour) => hour.visitors)}
        label={`Visitors per hour over the last 24 hours on ${card.site}`}
      />
      <span className="site-card__foot">
        {card.currentVisitors !== null ? (
          <span
            className="site-card__current"
            data-testid="card-current"
            data-value={card.currentVisitors.visitors}
            title={`Current visitors as the tray sampled them at ${clock(Date.parse(card.currentVisitors.at))}`}
          >
            <span className="realtime__dot" aria-hidden="true" />
            {card.currentVisitors.visitors.toLocaleString()} current
          </span>
        ) : null}
        {readAt !== null && state !== 'fresh' ? (
          <time
            className="site-card__age"
            dateTime={card.asOf ?? ''}
            title={`Read at ${new Date(readAt).toLocaleString()}`}
            data-testid="card-age"
          >
            {ageText(now - readAt)}
          </time>
        ) : null}
      </span>
      {state === 'budget' ? (
        <span className="site-card__note site-card__note--warn" data-testid="card-budget">
          {card.stale === 'rate-limited' ? 'Server’s hourly limit reached' : 'Budget spent'}
          {readAt !== null ? `: numbers of ${clock(readAt)}` : ': nothing read yet'}
          {nextReadAt !== null && nextReadAt > now ? `, next read after ${clock(nextReadAt)}.` : '.'}
        </span>
      ) : card.error ? (
        <span
          className="site-card__note site-card__note--error"
          data-testid="card-error"
          data-code={card.error.code}
          title={`${card.error.message}\n${card.error.hint}`}
        >
          <span className="site-card__clamp">{card.error.message}</span>
        </span>
      ) : null}
    </a>
  )
}

function Change({ change }: { change: number | null }): React.JSX.Element {
  if (change === null)
    return (
      <span
        className="change change--none"
        data-testid="card-change"
        data-value=""
        title="Nothing to compare"
      >
        —
      </span>
    )
  const tone = change === 0 ? 'flat' : change > 0 ? 'good' : 'bad'
  return (
    <span
      className={`change change--${tone}`}
      data-testid="card-change"
      data-value={change}
      title="Against the 24 hours before"
    >
      {change === 0 ? '±' : change > 0 ? '↑' : '↓'} {Math.abs(change)}%
    </span>
  )
}
