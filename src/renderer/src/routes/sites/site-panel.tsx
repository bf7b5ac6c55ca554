// The "Site" tab: rename the domain, switch the tracker script's features, reset the stats (only the
// server's dashboard can: a link to its danger zone) and delete the site behind a typed confirmation.
import { useQuery } from '@tanstack/react-query'
import { useState } from 'react'
import type { TrackerScriptSettings } from '../../../../shared/contract/site-management'
import { dangerZoneUrl } from '../../../../shared/plausible/dashboard-links'
import { useApi } from '../../api/client'
import { useCallMutation } from '../../api/mutations'
import type { SiteRef } from '../../api/queries'
import { FailureNote } from '../../components/failure-note'
import { InlineForm, TextField } from '../../components/inline-form'
import { ReadOnlyNote } from './read-only-note'

type TrackerSwitch = Exclude<keyof TrackerScriptSettings, 'installationType'>

const trackerSwitches: ReadonlyArray<{ key: TrackerSwitch; label: string }> = [
  { key: 'outboundLinks', label: 'Outbound links' },
  { key: 'fileDownloads', label: 'File downloads' },
  { key: 'formSubmissions', label: 'Form submissions' },
  { key: 'track404Pages', label: '404 pages' },
  { key: 'hashBasedRouting', label: 'Hash-based routing' },
  { key: 'taggedEvents', label: 'Tagged events' },
  { key: 'revenueTracking', label: 'Revenue tracking' },
  { key: 'pageviewProps', label: 'Custom properties on pageviews' },
]

export interface SitePanelProps {
  site: SiteRef
  baseUrl: string
  canWrite: boolean
  /** The site now answers to another domain, or is gone (null). */
  onMoved: (domain: string | null) => void
}

export function SitePanel({ site, baseUrl, canWrite, onMoved }: SitePanelProps): React.JSX.Element {
  const api = useApi()
  const input = { account: site.account, site: site.domain }
  const details = useQuery({
    queryKey: ['sites.get', input] as const,
    queryFn: () => api['sites.get'](input),
    staleTime: 60_000,
  })
  return (
    <div className="tab-panel" data-testid="site-panel" data-state={details.data ? 'ready' : 'loading'}>
      <FailureNote error={details.error} testId="site-error" />
      {canWrite ? <RenameForm site={site} onMoved={onMoved} /> : <ReadOnlyNote />}
      {details.data ? (
        <TrackerForm
          key={`${site.account}/${site.domain}`}
          site={site}
          script={details.data.site.trackerScript}
          canWrite={canWrite}
        />
      ) : null}
      <section className="site-panel__part" data-testid="site-reset">
        <h3 className="site-panel__title">Reset stats</h3>
        <p className="card__intro">
          No API can reset a site’s stats: the server’s own dashboard does it in its danger zone, after you
          sign in there.
        </p>
        <a
          className="button button--small button--ghost"
          href={dangerZoneUrl(baseUrl, site.domain)}
          target="_blank"
          rel="noreferrer"
          data-testid="site-reset-link"
        >
          Open the danger zone
        </a>
      </section>
      {canWrite ? <DeleteForm site={site} onMoved={onMoved} /> : null}
    </div>
  )
}

function RenameForm({ site, onMoved }: Pick<SitePanelProps, 'site' | 'onMoved'>): React.JSX.Element {
  const update = useCallMutation('sites.update', ['sites.list', 'sites.get'])
  const [domain, setDomain] = useState('')
  return (
    <section className="site-panel__part">
      <h3 className="site-panel__title">Domain</h3>
      <p className="card__intro">
        After a rename the tracker script must send the new domain; the stats stay with the site.
      </p>
      <InlineForm
        testId="rename-form"
        submitTestId="rename-submit"
        submitLabel="Rename"
        pendingLabel="Renaming…"
        isPending={update.isPending}
        error={update.error}
        onSubmit={() =>
          update.mutate(
            { account: site.account, site: site.domain, domain: domain.trim() },
            {
              onSuccess: (answer) => {
                setDomain('')
                onMoved(answer.site.domain)
              },
            },
          )
        }
      >
        <TextField
          label="New domain"
          testId="rename-domain"
          value={domain}
          placeholder={site.domain}
          onChange={setDomain}
        />
      </InlineForm>
    </section>
  )
}

function TrackerForm({
  site,
  script,
  canWrite,
}: {
  site: SiteRef
  script: TrackerScriptSettings | undefined
  canWrite: boolean
}): React.JSX.Element {
  const update = useCallMutation('sites.update', ['sites.get'])
  const [chosen, setChosen] = useState<Partial<Record<TrackerSwitch, boolean>>>({})
  if (!script)
    return (
      <section className="site-panel__part" data-testid="tracker-absent">
        <h3 className="site-panel__title">Tracker script</h3>
        <p className="card__intro">
          This server does not say how the site’s tracker script is set up (older servers and sites on the
          legacy script), so its features are changed in the script tag itself.
        </p>
      </section>
    )
  const changed = trackerSwitches.filter(
    ({ key }) => chosen[key] !== undefined && chosen[key] !== script[key],
  )
  return (
    <section className="site-panel__part">
      <h3 className="site-panel__title">Tracker script</h3>
      <InlineForm
        testId="tracker-form"
        submitTestId="tracker-submit"
        submitLabel={
          changed.length === 0
            ? 'No changes'
            : `Save ${changed.length} change${changed.length > 1 ? 's' : ''}`
        }
        pendingLabel="Saving…"
        isPending={update.isPending}
        isBlocked={!canWrite || changed.length === 0}
        error={update.error}
        onSubmit={() => {
          const tracker = Object.fromEntries(changed.map(({ key }) => [key, chosen[key]]))
          update.mutate(
            { account: site.account, site: site.domain, tracker },
            { onSuccess: () => setChosen({}) },
          )
        }}
      >
        <div className="check-grid">
          {trackerSwitches.map(({ key, label }) => (
            <label className="check" key={key}>
              <input
                type="checkbox"
                data-testid={`tracker-${key}`}
                disabled={!canWrite}
                checked={chosen[key] ?? script[key] ?? false}
                onChange={(e) => setChosen({ ...chosen, [key]: e.target.checked })}
              />
              {label}
            </label>
          ))}
        </div>
      </InlineForm>
    </section>
  )
}

function DeleteForm({ site, onMoved }: Pick<SitePanelProps, 'site' | 'onMoved'>): React.JSX.Element {
  const remove = useCallMutation('sites.delete', ['sites.list'])
  const [typed, setTyped] = useState('')
  const isConfirmed = typed.trim() === site.domain
  return (
    <section className="site-panel__part site-panel__part--danger">
      <h3 className="site-panel__title">Delete site</h3>
      <p className="card__intro">
        Deletes {site.domain} and every visit recorded for it, on the server, for everyone. There is no undo.
        Type the domain to confirm.
      </p>
      <InlineForm
        testId="delete-form"
        submitTestId="delete-submit"
        submitLabel="Delete site and stats"
        pendingLabel="Deleting…"
        isPending={remove.isPending}
        isBlocked={!isConfirmed}
        error={remove.error}
        onSubmit={() => {
          if (!isConfirmed) return
          remove.mutate({ account: site.account, site: site.domain }, { onSuccess: () => onMoved(null) })
        }}
      >
        <TextField
          label="Domain"
          testId="delete-confirm"
          value={typed}
          placeholder={site.domain}
          onChange={setTyped}
        />
      </InlineForm>
    </section>
  )
}
