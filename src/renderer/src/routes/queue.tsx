// The queue and budget screen: the write journal's pending, in-flight and failed jobs with their retries and
// errors, jobs a crash may have delivered twice, job files it could not read (retry or delete them), the
// requests waiting for a turn, and the account's last 24 hours by source against its limit. All is
// answered by the core's own ledger and journal, so polling it costs no API request.
import { useQuery } from '@tanstack/react-query'
import { useState } from 'react'
import type { QueueInspection } from '../../../shared/contract'
import { useApi } from '../api/client'
import { useAccounts } from '../api/queries'
import { UsageChart } from '../charts/usage-chart'
import { ErrorPanel } from '../components/error-panel'
import { CorruptJobsNotice, PossiblyDeliveredNotice } from '../components/journal-notices'
import { ScreenFrame } from '../components/screen-frame'

const clock = (iso: string): string =>
  new Date(iso).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' })

export function QueueScreen(): React.JSX.Element {
  const api = useApi()
  const accounts = useAccounts()
  const defaultAlias = accounts.data?.accounts.find((a) => a.isDefault)?.alias
  const [chosen, setChosen] = useState<string | undefined>(undefined)
  const account = chosen ?? defaultAlias
  const inspection = useQuery({
    queryKey: ['queue.inspect', { account, limit: 100 }] as const,
    queryFn: () => api['queue.inspect']({ ...(account ? { account } : {}), limit: 100 }),
    enabled: accounts.data !== undefined,
    refetchInterval: 2_000,
  })
  const data = inspection.data
  const state = inspection.error ? 'error' : data ? 'ready' : 'loading'
  return (
    <ScreenFrame
      screen="queue"
      title="Queue & budget"
      intro="Writes (events, site changes) wait in a journal on disk until the server answers, so a crash or a quit loses nothing. Every API request counts against the key’s hourly budget."
      state={state}
      aside={
        accounts.data && accounts.data.accounts.length > 1 ? (
          <label className="field field--inline">
            <span className="visually-hidden">Account</span>
            <select
              data-testid="queue-account"
              value={account ?? ''}
              onChange={(e) => setChosen(e.target.value)}
            >
              {accounts.data.accounts.map((a) => (
                <option key={a.alias} value={a.alias}>
                  {a.alias}
                </option>
              ))}
            </select>
          </label>
        ) : null
      }
    >
      {inspection.error ? (
        <ErrorPanel error={inspection.error} onRetry={() => void inspection.refetch()} />
      ) : null}
      {data ? (
        <>
          <BudgetCard data={data} />
          <JobsCard data={data} />
        </>
      ) : null}
    </ScreenFrame>
  )
}

function BudgetCard({ data }: { data: QueueInspection }): React.JSX.Element {
  const budget = data.budget
  return (
    <section className="card" data-testid="budget-card" aria-labelledby="budget-title">
      <div className="card__head">
        <h2 id="budget-title" className="card__title">
          Requests this hour{budget ? ` · ${budget.account}` : ''}
        </h2>
        {budget ? (
          <span className="card__intro">
            resets at {clock(budget.resetsAt)} (the server counts per UTC hour)
            {budget.sharedThrough ? ` · shared by ${sharedText[budget.sharedThrough]}` : ''}
          </span>
        ) : null}
      </div>
      {budget ? (
        <>
          <div className="stat-tiles stat-tiles--spaced">
            <Tile label="Used" value={budget.usedThisHour} testId="budget-used" />
            <Tile label="Left" value={budget.remainingThisHour} testId="budget-left" />
            <Tile label="Limit" value={budget.hourlyLimit} testId="budget-limit" />
            <Tile
              label="Kept for you"
              value={budget.reservedForInteractive ?? 0}
              testId="budget-reserve"
              title="Background refresh and the tray leave this many for the window and the CLI"
            />
            {budget.dailyLimit ? (
              <Tile label="Left today" value={budget.remainingToday ?? 0} testId="budget-day-left" />
            ) : null}
          </div>
          {budget.pausedUntil ? (
            <p className="notice notice--warn notice--spaced" data-testid="budget-paused">
              The server answered 429: nothing is sent for this key until {clock(budget.pausedUntil)}.
            </p>
          ) : null}
          <UsageChart budget={budget} />
        </>
      ) : (
        <p className="explain">No account is configured, so there is no budget to show.</p>
      )}
      <p className="card__intro" data-testid="reads-summary">
        In this process: {data.reads.requests} reads sent, {data.reads.coalesced} joined one already in
        flight, {data.reads.cached} answered from the cache (free).
      </p>
    </section>
  )
}

const sharedText = {
  process: 'this process only (the Demo sandbox)',
  file: 'every process on this machine',
  redis: 'every machine on one Redis',
} as const

function Tile({
  label,
  value,
  testId,
  title,
}: {
  label: string
  value: number
  testId: string
  title?: string
}): React.JSX.Element {
  return (
    <div className="stat-tile" title={title}>
      <div className="stat-tile__label">{label}</div>
      <div className="stat-tile__value" data-testid={testId} data-value={value}>
        {value.toLocaleString('en-US')}
      </div>
    </div>
  )
}

function JobsCard({ data }: { data: QueueInspection }): React.JSX.Element {
  const waiting = data.requests.reduce((sum, r) => sum + r.queued + r.waiting, 0)
  return (
    <section className="card" data-testid="jobs-card" aria-labelledby="jobs-title">
      <div className="card__head">
        <h2 id="jobs-title" className="card__title">
          Write journal
        </h2>
        <span className="card__intro" data-testid="journal-deliverer">
          {data.isDelivering
            ? 'Delivered by this window’s process.'
            : 'Delivered by another process (the app or a CLI); shown as it stands on disk.'}
        </span>
      </div>
      <div className="stat-tiles stat-tiles--spaced">
        <Tile label="Pending" value={data.pending} testId="queue-pending" />
        <Tile label="In flight" value={data.inFlight} testId="queue-in-flight" />
        <Tile label="Failed" value={data.failed} testId="queue-failed" />
        <Tile label="Reads waiting" value={waiting} testId="queue-reads-waiting" />
      </div>
      <CorruptJobsNotice corrupt={data.corrupt} />
      <PossiblyDeliveredNotice count={data.possiblyDelivered} />
      <table className="data-table" data-testid="jobs-table">
        <thead>
          <tr>
            <th>Job</th>
            <th>Account</th>
            <th>State</th>
            <th className="num">Tries</th>
            <th>Next try</th>
            <th>Last error</th>
          </tr>
        </thead>
        <tbody>
          {data.jobs.length === 0 ? (
            <tr>
              <td colSpan={6} className="data-table__empty" data-testid="jobs-empty">
                Nothing waiting: every write has been answered.
              </td>
            </tr>
          ) : (
            data.jobs.map((job) => (
              <tr key={job.id} data-testid="job-row" data-state={job.state} data-kind={job.kind}>
                <td>
                  <code title={job.id}>{job.kind}</code>
                  <div className="card__intro">queued {clock(job.createdAt)}</div>
                </td>
                <td>{job.account}</td>
                <td>
                  <span className={`badge ${stateBadge[job.state]}`}>{job.state}</span>
                  {job.possiblyDelivered ? (
                    <div
                      className="card__intro"
                      data-testid="job-possibly-delivered"
                      title="A crash cut an earlier send short: the server may already have it"
                    >
                      possibly delivered
                    </div>
                  ) : null}
                </td>
                <td className="num">{job.attempts}</td>
                <td>{job.nextAttemptAt ? clock(job.nextAttemptAt) : job.state === 'failed' ? '—' : 'now'}</td>
                <td>
                  {job.lastError ? (
                    <>
                      <code>{job.lastError.code}</code> {job.lastError.message}
                    </>
                  ) : (
                    '—'
                  )}
                </td>
              </tr>
            ))
          )}
        </tbody>
      </table>
    </section>
  )
}

const stateBadge = {
  waiting: 'badge--warn',
  'in-flight': 'badge--accent',
  failed: 'badge--bad',
} as const
