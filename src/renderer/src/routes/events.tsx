// The events screen: a composer that checks the Events API's rules as you type and whether a goal will
// count the event, sends it through the journal and shows the receipt; and an import of NDJSON/CSV files
// with a preview, a dry run, a progress bar and a summary; below, the history of past imports.
import { useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import type { EventReceipt } from '../../../shared/plausible/event'
import {
  draftProblems,
  draftToEvent,
  emptyDraft,
  matchingGoals,
  type EventDraft,
} from '../../../shared/stats/event-draft'
import {
  emptyEventFileMessage,
  importLineKey,
  parseEventFile,
  type ParsedFile,
} from '../../../shared/plausible/event-file'
import { useApi } from '../api/client'
import { useCallMutation } from '../api/mutations'
import { useSites, type SiteRef } from '../api/queries'
import { FailureNote } from '../components/failure-note'
import { ScreenFrame } from '../components/screen-frame'
import { GoalCheck, useSiteGoals } from '../components/goal-check'
import { ImportHistory } from '../components/import-history'
import { importStartOf } from '../../../shared/imports/import-start'
import { PlausibleError } from '../../../shared/errors'

export function EventsScreen(): React.JSX.Element {
  const sites = useSites()
  const [chosen, setChosen] = useState<string>('')
  const site = sites.sites.find((s) => `${s.account}/${s.domain}` === chosen) ?? sites.sites[0]
  const state = sites.error ? 'error' : sites.isPending ? 'loading' : 'ready'
  return (
    <ScreenFrame
      screen="events"
      title="Events"
      intro="Send a test event or a file of events to a site through the Events API. Every event is journaled on disk first, so nothing is lost to a crash; the receipt says what the server did with it."
      state={state}
    >
      <div className="card site-bar">
        <label className="field field--row">
          Site
          <select
            data-testid="events-site"
            value={site ? `${site.account}/${site.domain}` : ''}
            onChange={(e) => setChosen(e.target.value)}
          >
            {sites.sites.map((s) => (
              <option key={`${s.account}/${s.domain}`} value={`${s.account}/${s.domain}`}>
                {s.domain} ({s.account})
              </option>
            ))}
          </select>
        </label>
      </div>
      {site ? (
        <div className="screen-grid">
          <Composer
            key={`${site.account}/${site.domain}`}
            site={site}
            siteDomains={sites.sites.map((s) => s.domain)}
          />
          <Importer key={`import-${site.account}/${site.domain}`} site={site} />
        </div>
      ) : null}
      <ImportHistory />
    </ScreenFrame>
  )
}

function Composer({ site, siteDomains }: { site: SiteRef; siteDomains: string[] }): React.JSX.Element {
  const send = useCallMutation('events.send', ['queue.inspect'])
  const goals = useSiteGoals(site)
  const [draft, setDraft] = useState<EventDraft>({
    ...emptyDraft,
    url: `https://${site.domain}/`,
    domain: site.domain,
  })
  const [userAgent, setUserAgent] = useState('')
  const [touched, setTouched] = useState(false)
  const problems = draftProblems(draft)
  const event = draftToEvent(draft)
  const hasProblems = Object.keys(problems).length > 0
  const update = (patch: Partial<EventDraft>): void => {
    setTouched(true)
    setDraft({ ...draft, ...patch })
  }
  const fieldProblem = (field: string): React.JSX.Element | null =>
    touched && problems[field] ? (
      <span className="field__problem" data-testid={`problem-${field}`}>
        {field} {problems[field]?.join('; ')}
      </span>
    ) : null
  const submit = (formEvent: React.FormEvent): void => {
    formEvent.preventDefault()
    setTouched(true)
    if (hasProblems) return
    send.mutate({
      account: site.account,
      event,
      ...(userAgent.trim() ? { userAgent: userAgent.trim() } : {}),
    })
  }
  const matched = goals.goals ? matchingGoals(event, goals.goals) : null
  return (
    <section className="card" data-testid="composer" aria-labelledby="composer-title">
      <h2 id="composer-title" className="card__title">
        Send one event
      </h2>
      <form className="form" onSubmit={submit} noValidate>
        <label className="field">
          <span>
            Event name <span className="field__hint">pageview, or a custom name such as Signup</span>
          </span>
          <input
            data-testid="event-name"
            value={draft.name}
            aria-invalid={touched && problems.name ? true : undefined}
            onChange={(e) => update({ name: e.target.value })}
          />
          {fieldProblem('name')}
        </label>
        <label className="field">
          Page URL
          <input
            data-testid="event-url"
            value={draft.url}
            aria-invalid={touched && problems.url ? true : undefined}
            onChange={(e) => update({ url: e.target.value })}
          />
          {fieldProblem('url')}
        </label>
        <label className="field">
          <span>
            Domain <span className="field__hint">the site as registered; empty: the URL’s host</span>
          </span>
          <input
            data-testid="event-domain"
            value={draft.domain}
            aria-invalid={touched && problems.domain ? true : undefined}
            onChange={(e) => update({ domain: e.target.value })}
          />
          {fieldProblem('domain')}
        </label>
        <label className="field">
          <span>
            Referrer <span className="field__hint">optional</span>
          </span>
          <input
            data-testid="event-referrer"
            value={draft.referrer}
            onChange={(e) => update({ referrer: e.target.value })}
          />
        </label>
        <fieldset className="fieldset">
          <legend>Properties</legend>
          {draft.props.map((row, index) => (
            <div className="prop-row" key={index}>
              <input
                aria-label={`Property ${index + 1} name`}
                data-testid="event-prop-key"
                placeholder="name"
                value={row.key}
                onChange={(e) =>
                  update({
                    props: draft.props.map((r, i) => (i === index ? { ...r, key: e.target.value } : r)),
                  })
                }
              />
              <input
                aria-label={`Property ${index + 1} value`}
                data-testid="event-prop-value"
                placeholder="value"
                value={row.value}
                onChange={(e) =>
                  update({
                    props: draft.props.map((r, i) => (i === index ? { ...r, value: e.target.value } : r)),
                  })
                }
              />
              <button
                type="button"
                className="icon-button"
                aria-label={`Remove property ${index + 1}`}
                onClick={() => update({ props: draft.props.filter((_, i) => i !== index) })}
              >
                ×
              </button>
            </div>
          ))}
          <button
            type="button"
            className="button button--small button--ghost"
            data-testid="event-add-prop"
            onClick={() => update({ props: [...draft.props, { key: '', value: '' }] })}
          >
            Add property
          </button>
          {fieldProblem('props')}
        </fieldset>
        <div className="field-pair">
          <label className="field">
            <span>
              Revenue <span className="field__hint">optional; plausible.io revenue goals</span>
            </span>
            <input
              data-testid="event-revenue-amount"
              inputMode="decimal"
              placeholder="29.90"
              value={draft.revenueAmount}
              onChange={(e) => update({ revenueAmount: e.target.value })}
            />
          </label>
          <label className="field">
            Currency
            <input
              data-testid="event-revenue-currency"
              value={draft.revenueCurrency}
              maxLength={3}
              onChange={(e) => update({ revenueCurrency: e.target.value.toUpperCase() })}
            />
          </label>
        </div>
        {fieldProblem('revenue')}
        <label className="field">
          <span>
            Browser (User-Agent) <span className="field__hint">optional; the server drops bots</span>
          </span>
          <input
            data-testid="event-user-agent"
            value={userAgent}
            placeholder="none, as a server-side script sends"
            onChange={(e) => setUserAgent(e.target.value)}
          />
        </label>
        <ul className="rule-list" data-testid="event-rules" aria-live="polite">
          <li
            className={hasProblems ? 'rule--error' : 'rule--ok'}
            data-testid="rules-status"
            data-ok={!hasProblems}
          >
            {hasProblems
              ? `${Object.keys(problems).length === 1 ? 'One field breaks' : 'Some fields break'} the Events API’s rules.`
              : 'Fits the Events API’s rules (name ≤ 120, URL ≤ 2000 bytes, ≤ 30 properties).'}
          </li>
          <GoalCheck site={site} eventName={String(event.name)} matched={matched} goals={goals} />
        </ul>
        <div className="form__foot">
          <button
            type="submit"
            className="button"
            data-testid="event-send"
            disabled={send.isPending || (touched && hasProblems)}
          >
            {send.isPending ? 'Sending…' : 'Send event'}
          </button>
        </div>
      </form>
      <FailureNote error={send.error} />
      {send.data ? (
        <Receipt receipt={send.data} domain={event.domain ?? hostOf(event.url)} siteDomains={siteDomains} />
      ) : null}
    </section>
  )
}

function hostOf(url: string): string {
  try {
    return new URL(url).hostname.replace(/^www\./, '')
  } catch {
    return ''
  }
}

function Receipt({
  receipt,
  domain,
  siteDomains,
}: {
  receipt: EventReceipt
  domain: string
  siteDomains: string[]
}): React.JSX.Element {
  const unknownDomain = domain !== '' && !domain.split(',').every((d) => siteDomains.includes(d.trim()))
  return (
    <div
      className={`receipt receipt--${receipt.status}`}
      data-testid="event-receipt"
      data-status={receipt.status}
      role="status"
    >
      {receipt.status === 'accepted' ? (
        <>
          <p className="receipt__title">Accepted</p>
          <p className="receipt__text">
            The server took the event (202). It shows in the dashboard within a minute.
          </p>
        </>
      ) : receipt.status === 'dropped' ? (
        <>
          <p className="receipt__title">Dropped by the server</p>
          <p className="receipt__text" data-testid="receipt-why">
            The server answered 202 but discarded {receipt.dropped ?? 1} event
            {(receipt.dropped ?? 1) === 1 ? '' : 's'} (x-plausible-dropped). It does not say why;{' '}
            {unknownDomain
              ? `most likely ${domain} is not a site on this server.`
              : 'the usual causes are a bot User-Agent, a datacenter IP, or a site that blocks or throttles events.'}
          </p>
        </>
      ) : (
        <>
          <p className="receipt__title">Queued for a retry</p>
          <p className="receipt__text" data-testid="receipt-why">
            {receipt.retry
              ? `${receipt.retry.message} The journal keeps the event and tries again at ${new Date(receipt.retry.nextAttemptAt).toLocaleTimeString()}.`
              : 'The journal keeps the event and tries again.'}
          </p>
        </>
      )}
      <p className="receipt__text">
        Job <code>{receipt.jobId}</code>
      </p>
    </div>
  )
}

interface ImportTally {
  done: number
  accepted: number
  dropped: number
  queued: number
  failed: number
  /** Lines an earlier import of the same file already delivered: answered from the journal, not sent. */
  repeated: number
  firstError: Error | null
}

const emptyTally: ImportTally = {
  done: 0,
  accepted: 0,
  dropped: 0,
  queued: 0,
  failed: 0,
  repeated: 0,
  firstError: null,
}

/** The file's digest for importLineKey: the first 16 hex digits of its SHA-256, as the CLI takes it. */
async function digestOf(text: string): Promise<string> {
  const hash = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text))
  return Array.from(new Uint8Array(hash).slice(0, 8), (byte) => byte.toString(16).padStart(2, '0')).join('')
}

/** Events in flight at once: the journal orders them; more would only crowd the server. */
const importConcurrency = 4

function Importer({ site }: { site: SiteRef }): React.JSX.Element {
  const api = useApi()
  const client = useQueryClient()
  const [fileName, setFileName] = useState('')
  const [parsed, setParsed] = useState<ParsedFile | null>(null)
  const [digest, setDigest] = useState<string | null>(null)
  const [dryRun, setDryRun] = useState(false)
  const [running, setRunning] = useState(false)
  const [tally, setTally] = useState<ImportTally | null>(null)

  const load = (name: string, text: string): void => {
    setFileName(name)
    setParsed(parseEventFile(text, { fileName: name }))
    setDigest(null)
    void digestOf(text).then(setDigest)
    setDryRun(false)
    setTally(null)
  }
  const sendable = parsed?.lines.filter((line) => line.event && line.problems.length === 0) ?? []

  const run = async (): Promise<void> => {
    if (!parsed || !digest) return
    setRunning(true)
    let current = { ...emptyTally }
    setTally(current)
    const failed = (error: unknown): Error =>
      current.firstError ?? (error instanceof Error ? error : new PlausibleError('INTERNAL'))
    // The core records the run in the import history, counted from what each send of it became.
    let importId: string
    try {
      const started = await api['imports.start']({
        account: site.account,
        source: { name: fileName, digest, format: parsed.format },
        ...importStartOf(parsed),
      })
      importId = started.id
    } catch (error) {
      setTally({ ...current, firstError: failed(error) })
      setRunning(false)
      return
    }
    const queue = [...sendable]
    const worker = async (): Promise<void> => {
      for (let next = queue.shift(); next; next = queue.shift()) {
        const event = next.event
        if (!event || !digest) continue
        try {
          // Importing the same file again sends only what an earlier run did not deliver.
          const receipt = await api['events.send']({
            account: site.account,
            event,
            idempotencyKey: importLineKey(digest, next.line),
            importId,
          })
          current = {
            ...current,
            done: current.done + 1,
            [receipt.status]: current[receipt.status] + 1,
            repeated: current.repeated + (receipt.isRepeat ? 1 : 0),
          }
        } catch (error) {
          current = {
            ...current,
            done: current.done + 1,
            failed: current.failed + 1,
            firstError:
              current.firstError ?? (error instanceof Error ? error : new PlausibleError('INTERNAL')),
          }
        }
        setTally(current)
      }
    }
    await Promise.all(Array.from({ length: importConcurrency }, worker))
    try {
      await api['imports.finish']({ id: importId })
    } catch (error) {
      current = { ...current, firstError: failed(error) }
      setTally(current)
    }
    await client.invalidateQueries({ queryKey: ['imports.list'] })
    setRunning(false)
  }

  return (
    <section className="card" data-testid="importer" aria-labelledby="import-title">
      <h2 id="import-title" className="card__title">
        Import a file
      </h2>
      <p className="card__intro">
        NDJSON (one event per line: <code>{'{"name","url","domain","props",…}'}</code>) or CSV with the
        columns name, url, domain, referrer, interactive, revenue.amount, revenue.currency and{' '}
        <code>props.&lt;key&gt;</code>.
      </p>
      <div className="form">
        <label className="field">
          File
          <input
            type="file"
            accept=".ndjson,.jsonl,.json,.csv,text/csv,application/x-ndjson"
            data-testid="import-file"
            onChange={(e) => {
              const file = e.target.files?.[0]
              if (file) void file.text().then((text) => load(file.name, text))
            }}
          />
        </label>
      </div>
      {parsed ? (
        <>
          <p
            className="card__intro"
            data-testid="import-counts"
            data-valid={parsed.valid}
            data-invalid={parsed.invalid}
          >
            {emptyEventFileMessage(fileName, parsed) ?? (
              <>
                {fileName} ({parsed.format.toUpperCase()}): {parsed.valid} event
                {parsed.valid === 1 ? '' : 's'} ready
                {parsed.invalid > 0
                  ? `, ${parsed.invalid} line${parsed.invalid === 1 ? '' : 's'} refused`
                  : ''}
                .
              </>
            )}
          </p>
          <table className="data-table" data-testid="import-preview">
            <thead>
              <tr>
                <th className="num">Line</th>
                <th>Name</th>
                <th>URL</th>
                <th>Check</th>
              </tr>
            </thead>
            <tbody>
              {parsed.lines.slice(0, 8).map((line) => (
                <tr key={line.line} data-testid="import-row" data-ok={line.problems.length === 0}>
                  <td className="num">{line.line}</td>
                  <td>{line.event ? String(line.event.name) : '—'}</td>
                  <td className="cell--url">{line.event?.url ?? '—'}</td>
                  <td>
                    {line.problems.length === 0 ? (
                      <span className="badge badge--good">ok</span>
                    ) : (
                      line.problems.join('; ')
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {parsed.lines.length > 8 ? (
            <p className="card__intro">…and {parsed.lines.length - 8} more lines.</p>
          ) : null}
          <div className="form__foot form__foot--spaced">
            <button
              type="button"
              className="button button--ghost"
              data-testid="import-dry-run"
              disabled={running}
              onClick={() => setDryRun(true)}
            >
              Dry run
            </button>
            <button
              type="button"
              className="button"
              data-testid="import-send"
              disabled={running || sendable.length === 0 || digest === null}
              onClick={() => void run()}
            >
              {running ? 'Sending…' : `Send ${sendable.length} event${sendable.length === 1 ? '' : 's'}`}
            </button>
          </div>
          {dryRun ? (
            <div className="explain" data-testid="import-dry-run-result">
              Dry run, nothing sent: {sendable.length} event{sendable.length === 1 ? '' : 's'} would be
              journaled and sent to {site.account}’s server
              {parsed.invalid > 0
                ? `; ${parsed.invalid} line${parsed.invalid === 1 ? '' : 's'} would be skipped (${parsed.lines
                    .filter((l) => l.problems.length > 0)
                    .slice(0, 3)
                    .map((l) => `line ${l.line}: ${l.problems[0]}`)
                    .join('; ')})`
                : ''}
              . The Events API takes no key, so the import does not spend the hourly budget.
            </div>
          ) : null}
        </>
      ) : null}
      {tally ? (
        <div className="import-progress" data-testid="import-progress">
          <progress
            className="progress"
            max={Math.max(1, sendable.length)}
            value={tally.done}
            aria-label="Events sent"
            data-testid="import-progress-bar"
          />
          <p
            className="card__intro"
            data-testid="import-summary"
            data-done={!running}
            data-accepted={tally.accepted}
            data-dropped={tally.dropped}
            data-queued={tally.queued}
            data-failed={tally.failed}
            data-repeated={tally.repeated}
          >
            {running
              ? `${tally.done} of ${sendable.length} sent…`
              : `Done: ${tally.done} of ${sendable.length}.`}{' '}
            {tally.accepted} accepted, {tally.dropped} dropped by the server, {tally.queued} queued for a
            retry, {tally.failed} failed
            {parsed && parsed.invalid > 0 ? `, ${parsed.invalid} skipped by the check` : ''}
            {tally.repeated > 0
              ? ` (${tally.repeated} of them delivered by an earlier import of this file, not sent again)`
              : ''}
            .
          </p>
          <FailureNote error={tally.firstError} testId="import-error" />
        </div>
      ) : null}
    </section>
  )
}
