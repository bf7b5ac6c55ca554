// The sites screen: one site's goals, custom properties, shared links and guests through the Sites API,
// and new sites. What the server or the key cannot do (CE has no Sites API, plans, a read-only key) is one
// plain sentence from the capability probe instead of a button that would fail.
import { useQuery } from '@tanstack/react-query'
import { useState } from 'react'
import type { CapabilityReport } from '../../../shared/contract/site-management'
import { useApi } from '../api/client'
import { useCallMutation } from '../api/mutations'
import { siteListOptions, useAccounts, useCapabilities, useSites, type SiteRef } from '../api/queries'
import { ErrorPanel } from '../components/error-panel'
import { FailureNote } from '../components/failure-note'
import { InlineForm, TextField } from '../components/inline-form'
import { ReadOnlyNote } from './sites/read-only-note'
import { SitePanel } from './sites/site-panel'
import { ScreenFrame } from '../components/screen-frame'

const tabs = [
  { id: 'goals', label: 'Goals' },
  { id: 'props', label: 'Properties' },
  { id: 'links', label: 'Shared links' },
  { id: 'guests', label: 'Guests' },
  { id: 'site', label: 'Site' },
  { id: 'new', label: 'New site' },
] as const
type Tab = (typeof tabs)[number]['id']

export function SitesScreen(): React.JSX.Element {
  const sites = useSites()
  const accounts = useAccounts()
  const [chosenAccount, setChosenAccount] = useState('')
  const [chosenSite, setChosenSite] = useState('')
  const [tab, setTab] = useState<Tab>('goals')
  const aliases = accounts.data?.accounts.map((a) => a.alias) ?? []
  const account = aliases.includes(chosenAccount)
    ? chosenAccount
    : (accounts.data?.accounts.find((a) => a.isDefault)?.alias ?? aliases[0])
  const accountSites = sites.sites.filter((s) => s.account === account)
  const site = accountSites.find((s) => s.domain === chosenSite) ?? accountSites[0]
  const capabilities = useCapabilities(account)
  const report = capabilities.data
  const state = accounts.error
    ? 'error'
    : accounts.isPending || (sites.isPending && !report) || capabilities.isPending
      ? 'loading'
      : 'ready'
  return (
    <ScreenFrame
      screen="sites"
      title="Sites & goals"
      intro="Goals, custom properties, shared links, guests and the site itself (domain, tracker script, deletion), through the Sites API. Changes are journaled and wait for the server’s answer."
      state={state}
    >
      {accounts.error ? <ErrorPanel error={accounts.error} onRetry={() => void accounts.refetch()} /> : null}
      <div className="card site-bar">
        <label className="field field--row">
          Account
          <select
            data-testid="sites-account"
            value={account ?? ''}
            onChange={(e) => {
              setChosenAccount(e.target.value)
              setChosenSite('')
            }}
          >
            {aliases.map((alias) => (
              <option key={alias} value={alias}>
                {alias}
              </option>
            ))}
          </select>
        </label>
        {accountSites.length > 0 ? (
          <label className="field field--row">
            Site
            <select
              data-testid="sites-site"
              value={site?.domain ?? ''}
              onChange={(e) => setChosenSite(e.target.value)}
            >
              {accountSites.map((s) => (
                <option key={s.domain} value={s.domain}>
                  {s.domain}
                </option>
              ))}
            </select>
          </label>
        ) : null}
        {site ? <span className="card__intro">Timezone {site.timezone}</span> : null}
      </div>
      <FailureNote error={capabilities.error} testId="cap-error" />
      {report ? <Unavailable report={report} /> : null}
      {report && report.sitesApi === 'available' && !site && !sites.isPending ? (
        <p className="explain" data-testid="sites-none">
          This account lists no sites yet: create one on the “New site” tab.
        </p>
      ) : null}
      {report && account && report.sitesApi === 'available' ? (
        <section className="card" data-testid="site-tabs">
          <div className="tabs tabs--screen" role="tablist" aria-label="Site settings">
            {tabs.map((entry) => (
              <button
                type="button"
                role="tab"
                key={entry.id}
                aria-selected={tab === entry.id}
                className={tab === entry.id ? 'tab tab--active' : 'tab'}
                data-testid={`sites-tab-${entry.id}`}
                onClick={() => setTab(entry.id)}
              >
                {entry.label}
              </button>
            ))}
          </div>
          {tab === 'new' ? (
            <NewSitePanel account={account} canWrite={canWrite(report)} />
          ) : !site ? null : tab === 'goals' ? (
            <GoalsPanel site={site} canWrite={canWrite(report)} />
          ) : tab === 'props' ? (
            <PropsPanel site={site} canWrite={canWrite(report)} />
          ) : tab === 'links' ? (
            <LinksPanel site={site} canWrite={canWrite(report)} />
          ) : tab === 'site' ? (
            <SitePanel
              site={site}
              baseUrl={accounts.data?.accounts.find((a) => a.alias === account)?.baseUrl ?? ''}
              canWrite={canWrite(report)}
              onMoved={(domain) => setChosenSite(domain ?? '')}
            />
          ) : (
            <GuestsPanel site={site} canWrite={canWrite(report)} />
          )}
        </section>
      ) : null}
    </ScreenFrame>
  )
}

const canWrite = (report: CapabilityReport): boolean => report.keyKind === 'provisioning'

/** Why this account's site settings cannot be managed here, in the probe's own sentences. */
function Unavailable({ report }: { report: CapabilityReport }): React.JSX.Element | null {
  if (report.sitesApi === 'available') return null
  const lead =
    report.sitesApi === 'absent'
      ? 'This server has no Sites API (self-hosted Plausible CE removed it in v2.1), so goals, properties, shared links and guests are managed in its own dashboard. Stats and events work as usual.'
      : report.sitesApi === 'plan-required'
        ? 'This key’s plan does not include the Sites API (plausible.io offers it on Enterprise plans), so goals, properties, shared links and guests are managed in the Plausible dashboard.'
        : report.rateLimitedUntil
          ? `This account’s hour is spent, so the server could not be asked what it allows; try again after ${new Date(report.rateLimitedUntil).toLocaleTimeString()}.`
          : 'The server did not say whether it has the Sites API.'
  return (
    <div className="card explain-card" data-testid="sites-unavailable" data-reason={report.sitesApi}>
      <p className="explain-card__text">{lead}</p>
    </div>
  )
}

function GoalsPanel({ site, canWrite }: { site: SiteRef; canWrite: boolean }): React.JSX.Element {
  const api = useApi()
  const goals = useQuery(siteListOptions(api, 'goals.list', site))
  const add = useCallMutation('goals.add', ['goals.list'])
  const remove = useCallMutation('goals.remove', ['goals.list'])
  const [goalType, setGoalType] = useState<'event' | 'page'>('event')
  const [target, setTarget] = useState('')
  const [displayName, setDisplayName] = useState('')
  const submit = (): void => {
    const value = target.trim()
    add.mutate(
      {
        account: site.account,
        site: site.domain,
        goalType,
        ...(goalType === 'event' ? { eventName: value } : { pagePath: value }),
        ...(displayName.trim() ? { displayName: displayName.trim() } : {}),
      },
      {
        onSuccess: () => {
          setTarget('')
          setDisplayName('')
        },
      },
    )
  }
  return (
    <div className="tab-panel" data-testid="goals-panel" data-state={goals.data ? 'ready' : 'loading'}>
      <p className="card__intro">
        Events and pageviews only show in the dashboard when a goal matches them, and a goal added later does
        not count earlier events.
      </p>
      {goals.error ? <FailureNote error={goals.error} testId="goals-error" /> : null}
      <table className="data-table" data-testid="goals-table">
        <thead>
          <tr>
            <th>Goal</th>
            <th>Type</th>
            <th>Matches</th>
            {canWrite ? <th /> : null}
          </tr>
        </thead>
        <tbody>
          {goals.data?.goals.length === 0 ? (
            <tr>
              <td colSpan={4} className="data-table__empty">
                No goals yet.
              </td>
            </tr>
          ) : null}
          {goals.data?.goals.map((goal) => (
            <tr key={goal.id} data-testid="goal-row" data-name={goal.displayName} data-id={goal.id}>
              <td>{goal.displayName}</td>
              <td>
                <span className="badge">{goal.goalType}</span>
              </td>
              <td>
                <code>{goal.goalType === 'event' ? goal.eventName : goal.pagePath}</code>
              </td>
              {canWrite ? (
                <td className="num">
                  <button
                    type="button"
                    className="button button--small button--ghost button--danger"
                    data-testid="goal-remove"
                    disabled={remove.isPending}
                    onClick={() =>
                      remove.mutate({ account: site.account, site: site.domain, goalId: goal.id })
                    }
                  >
                    Delete
                  </button>
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
      <FailureNote error={remove.error} />
      {canWrite ? (
        <InlineForm
          testId="goal-form"
          submitTestId="goal-add"
          submitLabel="Add goal"
          pendingLabel="Adding…"
          isPending={add.isPending}
          error={add.error}
          onSubmit={submit}
        >
          <label className="field field--narrow">
            Type
            <select
              data-testid="goal-type"
              value={goalType}
              onChange={(e) => setGoalType(e.target.value as 'event' | 'page')}
            >
              <option value="event">Custom event</option>
              <option value="page">Pageview</option>
            </select>
          </label>
          <TextField
            label={goalType === 'event' ? 'Event name' : 'Page path'}
            testId="goal-target"
            value={target}
            placeholder={goalType === 'event' ? 'Signup' : '/pricing or /blog/*'}
            onChange={setTarget}
          />
          <TextField
            label={
              <span>
                Display name <span className="field__hint">optional</span>
              </span>
            }
            testId="goal-display-name"
            value={displayName}
            onChange={setDisplayName}
          />
        </InlineForm>
      ) : (
        <ReadOnlyNote />
      )}
    </div>
  )
}

function PropsPanel({ site, canWrite }: { site: SiteRef; canWrite: boolean }): React.JSX.Element {
  const api = useApi()
  const props = useQuery(siteListOptions(api, 'props.list', site))
  const add = useCallMutation('props.add', ['props.list'])
  const remove = useCallMutation('props.remove', ['props.list'])
  const [property, setProperty] = useState('')
  return (
    <div className="tab-panel" data-testid="props-panel" data-state={props.data ? 'ready' : 'loading'}>
      <p className="card__intro">
        The custom properties this site keeps (at most 300); properties not on the list are not shown in the
        dashboard.
      </p>
      {props.error ? <FailureNote error={props.error} testId="props-error" /> : null}
      <ul className="chip-list" data-testid="props-list">
        {props.data?.properties.length === 0 ? <li className="card__intro">No properties yet.</li> : null}
        {props.data?.properties.map((name) => (
          <li key={name} className="chip" data-testid="prop-item" data-name={name}>
            <span className="chip__text">{name}</span>
            {canWrite ? (
              <button
                type="button"
                className="chip__remove"
                aria-label={`Remove ${name}`}
                data-testid="prop-remove"
                onClick={() => remove.mutate({ account: site.account, site: site.domain, property: name })}
              >
                ×
              </button>
            ) : null}
          </li>
        ))}
      </ul>
      <FailureNote error={remove.error} />
      {canWrite ? (
        <InlineForm
          testId="prop-form"
          submitTestId="prop-add"
          submitLabel="Add property"
          isPending={add.isPending}
          error={add.error}
          onSubmit={() =>
            add.mutate(
              { account: site.account, site: site.domain, property: property.trim() },
              { onSuccess: () => setProperty('') },
            )
          }
        >
          <TextField
            label="Property name"
            testId="prop-name"
            value={property}
            placeholder="author"
            onChange={setProperty}
          />
        </InlineForm>
      ) : (
        <ReadOnlyNote />
      )}
    </div>
  )
}

function LinksPanel({ site, canWrite }: { site: SiteRef; canWrite: boolean }): React.JSX.Element {
  const create = useCallMutation('sharedLinks.create')
  const [name, setName] = useState('')
  return (
    <div className="tab-panel" data-testid="links-panel" data-state="ready">
      <p className="card__intro">
        A shared link opens this site’s dashboard to anyone who has it. The Sites API can create one by name
        (asking again with the same name returns the same link) but cannot list or revoke links: do that in
        the Plausible dashboard.
      </p>
      {canWrite ? (
        <InlineForm
          testId="link-form"
          submitTestId="link-create"
          submitLabel="Get link"
          isPending={create.isPending}
          error={create.error}
          onSubmit={() => create.mutate({ account: site.account, site: site.domain, name: name.trim() })}
        >
          <TextField
            label="Link name"
            testId="link-name"
            value={name}
            placeholder="Team wall screen"
            onChange={setName}
          />
        </InlineForm>
      ) : (
        <ReadOnlyNote />
      )}
      {create.data ? (
        <p className="receipt receipt--accepted" data-testid="link-result">
          <strong>{create.data.name}</strong>:{' '}
          <a href={create.data.url} target="_blank" rel="noreferrer" data-testid="link-url">
            {create.data.url}
          </a>
        </p>
      ) : null}
    </div>
  )
}

function GuestsPanel({ site, canWrite }: { site: SiteRef; canWrite: boolean }): React.JSX.Element {
  const api = useApi()
  const guests = useQuery(siteListOptions(api, 'guests.list', site))
  const invite = useCallMutation('guests.invite', ['guests.list'])
  const remove = useCallMutation('guests.remove', ['guests.list'])
  const [email, setEmail] = useState('')
  const [role, setRole] = useState<'viewer' | 'editor'>('viewer')
  return (
    <div className="tab-panel" data-testid="guests-panel" data-state={guests.data ? 'ready' : 'loading'}>
      <p className="card__intro">
        People invited to this one site. Team members are managed in the dashboard.
      </p>
      {guests.error ? <FailureNote error={guests.error} testId="guests-error" /> : null}
      <table className="data-table" data-testid="guests-table">
        <thead>
          <tr>
            <th>E-mail</th>
            <th>Role</th>
            <th>Status</th>
            {canWrite ? <th /> : null}
          </tr>
        </thead>
        <tbody>
          {guests.data?.guests.length === 0 ? (
            <tr>
              <td colSpan={4} className="data-table__empty">
                No guests.
              </td>
            </tr>
          ) : null}
          {guests.data?.guests.map((guest) => (
            <tr key={guest.email} data-testid="guest-row" data-email={guest.email}>
              <td>{guest.email}</td>
              <td>{guest.role}</td>
              <td>
                <span className={guest.status === 'accepted' ? 'badge badge--good' : 'badge badge--warn'}>
                  {guest.status}
                </span>
              </td>
              {canWrite ? (
                <td className="num">
                  <button
                    type="button"
                    className="button button--small button--ghost button--danger"
                    data-testid="guest-remove"
                    onClick={() =>
                      remove.mutate({ account: site.account, site: site.domain, email: guest.email })
                    }
                  >
                    Remove
                  </button>
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
      <FailureNote error={remove.error} />
      {canWrite ? (
        <InlineForm
          testId="guest-form"
          submitTestId="guest-invite"
          submitLabel="Invite"
          isPending={invite.isPending}
          error={invite.error}
          onSubmit={() =>
            invite.mutate(
              { account: site.account, site: site.domain, email: email.trim(), role },
              { onSuccess: () => setEmail('') },
            )
          }
        >
          <TextField label="E-mail" testId="guest-email" type="email" value={email} onChange={setEmail} />
          <label className="field field--narrow">
            Role
            <select
              data-testid="guest-role"
              value={role}
              onChange={(e) => setRole(e.target.value as 'viewer' | 'editor')}
            >
              <option value="viewer">Viewer</option>
              <option value="editor">Editor</option>
            </select>
          </label>
        </InlineForm>
      ) : (
        <ReadOnlyNote />
      )}
    </div>
  )
}

function NewSitePanel({ account, canWrite }: { account: string; canWrite: boolean }): React.JSX.Element {
  const create = useCallMutation('sites.create', ['sites.list'])
  const [domain, setDomain] = useState('')
  const [timezone, setTimezone] = useState(() => Intl.DateTimeFormat().resolvedOptions().timeZone)
  if (!canWrite) return <ReadOnlyNote />
  return (
    <div className="tab-panel" data-testid="new-site-panel" data-state="ready">
      <InlineForm
        testId="site-form"
        submitTestId="site-create"
        submitLabel="Create site"
        isPending={create.isPending}
        error={create.error}
        onSubmit={() =>
          create.mutate(
            { account, domain: domain.trim(), ...(timezone.trim() ? { timezone: timezone.trim() } : {}) },
            { onSuccess: () => setDomain('') },
          )
        }
      >
        <TextField
          label="Domain"
          testId="site-domain"
          value={domain}
          placeholder="example.com"
          onChange={setDomain}
        />
        <TextField
          label={
            <span>
              Timezone <span className="field__hint">IANA, e.g. Europe/Berlin</span>
            </span>
          }
          testId="site-timezone"
          value={timezone}
          onChange={setTimezone}
        />
      </InlineForm>
      {create.data ? (
        <p className="receipt receipt--accepted" data-testid="site-created">
          Created {create.data.site.domain} ({create.data.site.timezone}) on {account}.
        </p>
      ) : null}
    </div>
  )
}
