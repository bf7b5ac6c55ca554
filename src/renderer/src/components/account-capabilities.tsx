// The capability probe's findings for one account, in the probe's own sentences (cloud or CE, Sites API,
// plan, write scope), with what the probe cost; a spent hour or a refused key is said, not hidden.
import type { AccountSummary } from '../../../shared/contract'
import { useCapabilities } from '../api/queries'
import { FailureNote } from './failure-note'

const sitesApiBadge = {
  available: ['Sites API', 'badge--good'],
  absent: ['No Sites API (CE)', 'badge--warn'],
  'plan-required': ['Sites API needs Enterprise', 'badge--warn'],
  unknown: ['Sites API unknown', ''],
} as const

const keyKindBadge = {
  provisioning: ['May write', 'badge--good'],
  'stats-only': ['Read-only key', ''],
  invalid: ['Key refused', 'badge--bad'],
  unknown: ['Scope unknown', ''],
} as const

export function AccountCapabilities({ account }: { account: AccountSummary }): React.JSX.Element {
  const probe = useCapabilities(account.alias)
  const report = probe.data
  return (
    <div
      className="capabilities"
      data-testid="account-capabilities"
      data-state={report ? 'ready' : probe.error ? 'error' : 'loading'}
    >
      <div className="capabilities__badges">
        <span className="capabilities__label">Server</span>
        {report ? (
          <>
            <span
              className={`badge ${sitesApiBadge[report.sitesApi][1]}`}
              data-testid="cap-sites-api"
              data-value={report.sitesApi}
            >
              {sitesApiBadge[report.sitesApi][0]}
            </span>
            <span
              className={`badge ${keyKindBadge[report.keyKind][1]}`}
              data-testid="cap-key-kind"
              data-value={report.keyKind}
            >
              {keyKindBadge[report.keyKind][0]}
            </span>
            <span className="badge" data-testid="cap-stats-v2" data-value={String(report.statsV2)}>
              {report.statsV2 === true
                ? 'Stats API v2'
                : report.statsV2 === false
                  ? 'Stats API v1 only'
                  : 'v2 unknown'}
            </span>
          </>
        ) : probe.isPending ? (
          <span className="badge">checking…</span>
        ) : null}
      </div>
      {report ? (
        <ul className="sentences" data-testid="cap-sentences">
          {report.sentences.map((sentence) => (
            <li key={sentence}>{sentence}</li>
          ))}
          <li className="sentences__cost">
            {report.isCached
              ? `Checked at ${new Date(report.checkedAt).toLocaleTimeString()}.`
              : `Checked just now with ${report.keyedRequests} request${report.keyedRequests === 1 ? '' : 's'} of this hour’s budget.`}
          </li>
        </ul>
      ) : null}
      <FailureNote error={probe.error} testId="cap-error" />
    </div>
  )
}
