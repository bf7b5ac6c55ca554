// The accounts screen: every account with where its key is kept (never the key), its budget and what its
// server can do; add a key (checked against the server first), rotate it, set budgets, make default, remove.
import { useState } from 'react'
import { calls, type AccountSummary, type KeyStoreStatus } from '../../../shared/contract'
import { useCallMutation } from '../api/mutations'
import { useAccounts } from '../api/queries'
import { AccountCapabilities } from '../components/account-capabilities'
import { ErrorPanel } from '../components/error-panel'
import { FailureNote } from '../components/failure-note'
import { InsecureHttpConsent, needsInsecureHttpConsent } from '../components/insecure-http-consent'
import { InlineForm, TextField } from '../components/inline-form'
import { ScreenFrame } from '../components/screen-frame'
import { firstProblem, optionalCount } from '../forms/form-input'

const accountWrites = ['accounts.list', 'budget.status', 'sites.list', 'queue.inspect'] as const

export function AccountsScreen(): React.JSX.Element {
  const accounts = useAccounts()
  const list = accounts.data?.accounts ?? []
  const state = accounts.error ? 'error' : accounts.data ? 'ready' : 'loading'
  return (
    <ScreenFrame
      screen="accounts"
      title="Accounts"
      intro="Each account is one API key on one Plausible server. Keys go to the keychain (or a private file) and are never shown again."
      state={state}
    >
      {accounts.error ? <ErrorPanel error={accounts.error} onRetry={() => void accounts.refetch()} /> : null}
      {accounts.data?.keyStore ? <KeyStoreNote store={accounts.data.keyStore} /> : null}
      <div className="account-list" data-testid="account-list">
        {list.map((account) => (
          <AccountCard key={account.alias} account={account} keyStore={accounts.data?.keyStore} />
        ))}
      </div>
      <AddAccountForm isFirst={list.filter((a) => !a.isDemo).length === 0} />
    </ScreenFrame>
  )
}

/** Where new keys are written on this machine; the 0600 file is a fallback worth a visible warning. */
function KeyStoreNote({ store }: { store: KeyStoreStatus }): React.JSX.Element {
  const warn = store.backend !== 'keychain'
  return (
    <div
      className={warn ? 'notice notice--warn' : 'notice'}
      data-testid="key-store"
      data-backend={store.backend}
    >
      {store.backend === 'keychain' ? (
        <>New keys are kept in the system keychain (service “plausible-desktop”).</>
      ) : store.backend === 'file' ? (
        <>
          No keychain answered, so new keys are kept in files readable only by you (mode 0600)
          {store.folder ? (
            <>
              {' '}
              in <code>{store.folder}</code>
            </>
          ) : null}
          .{store.note ? ` ${store.note}` : ''}
        </>
      ) : (
        <>New keys are kept in memory for this run only.{store.note ? ` ${store.note}` : ''}</>
      )}
    </div>
  )
}

export function keySourceText(account: AccountSummary, store: KeyStoreStatus | undefined): string {
  switch (account.keySource) {
    case 'keychain':
      return 'System keychain'
    case 'file':
      return store?.folder ? `0600 file in ${store.folder}` : '0600 file (no keychain on this machine)'
    case 'env':
      return 'PLAUSIBLE_API_KEY (this run only)'
    case 'demo':
      return 'Built-in demo key (the local sandbox)'
    case 'none':
      return 'No key stored'
  }
}

type Panel = 'none' | 'rotate' | 'budget' | 'remove'

function AccountCard({
  account,
  keyStore,
}: {
  account: AccountSummary
  keyStore: KeyStoreStatus | undefined
}): React.JSX.Element {
  const [panel, setPanel] = useState<Panel>('none')
  const use = useCallMutation('accounts.use', accountWrites)
  const toggle = (next: Panel): void => setPanel(panel === next ? 'none' : next)
  return (
    <section
      className="card account-card"
      data-testid="account-card"
      data-alias={account.alias}
      data-default={account.isDefault}
      aria-label={`Account ${account.alias}`}
    >
      <div className="account-card__head">
        <div>
          <h2 className="account-card__alias">
            {account.alias}
            {account.isDefault ? <span className="badge badge--accent">default</span> : null}
            {account.isDemo ? <span className="badge">demo</span> : null}
          </h2>
          <p className="account-card__url" data-testid="account-base-url">
            {account.baseUrl}
          </p>
        </div>
        <div className="account-card__actions">
          {!account.isDefault ? (
            <button
              type="button"
              className="button button--small button--ghost"
              data-testid="account-use"
              disabled={use.isPending}
              onClick={() => use.mutate({ alias: account.alias })}
            >
              Make default
            </button>
          ) : null}
          {!account.isDemo && account.keySource !== 'env' ? (
            <button
              type="button"
              className="button button--small button--ghost"
              data-testid="account-rotate"
              aria-expanded={panel === 'rotate'}
              onClick={() => toggle('rotate')}
            >
              Rotate key
            </button>
          ) : null}
          <button
            type="button"
            className="button button--small button--ghost"
            data-testid="account-budget"
            aria-expanded={panel === 'budget'}
            onClick={() => toggle('budget')}
          >
            Budget
          </button>
          {account.keySource !== 'env' ? (
            <button
              type="button"
              className="button button--small button--danger"
              data-testid="account-remove"
              aria-expanded={panel === 'remove'}
              onClick={() => toggle('remove')}
            >
              Remove
            </button>
          ) : null}
        </div>
      </div>
      <dl className="facts">
        <div className="facts__item">
          <dt>Key</dt>
          <dd data-testid="account-masked-key">{account.maskedKey ?? '—'}</dd>
        </div>
        <div className="facts__item">
          <dt>Stored in</dt>
          <dd data-testid="account-key-source" data-source={account.keySource}>
            {keySourceText(account, keyStore)}
          </dd>
        </div>
        <div className="facts__item">
          <dt>Hourly limit</dt>
          <dd data-testid="account-hourly-limit">{account.hourlyLimit.toLocaleString('en-US')}</dd>
        </div>
        <div className="facts__item">
          <dt>Daily cap</dt>
          <dd data-testid="account-daily-cap">
            {account.dailyCap ? account.dailyCap.toLocaleString('en-US') : 'none'}
          </dd>
        </div>
      </dl>
      <AccountCapabilities account={account} />
      <FailureNote error={use.error} />
      {panel === 'rotate' ? <RotateForm alias={account.alias} onDone={() => setPanel('none')} /> : null}
      {panel === 'budget' ? <BudgetForm account={account} onDone={() => setPanel('none')} /> : null}
      {panel === 'remove' ? <RemoveForm account={account} onDone={() => setPanel('none')} /> : null}
    </section>
  )
}

function AddAccountForm({ isFirst }: { isFirst: boolean }): React.JSX.Element {
  const add = useCallMutation('accounts.add', accountWrites)
  const [baseUrl, setBaseUrl] = useState('https://plausible.io')
  const [alias, setAlias] = useState('')
  const [apiKey, setApiKey] = useState('')
  const [hourly, setHourly] = useState('')
  const [daily, setDaily] = useState('')
  const [makeDefault, setMakeDefault] = useState(true)
  const [allowInsecureHttp, setAllowInsecureHttp] = useState(false)
  const [problem, setProblem] = useState<string | null>(null)
  const [added, setAdded] = useState<string | null>(null)
  const needsConsent = needsInsecureHttpConsent(baseUrl)
  const isWaitingForConsent = needsConsent && !allowInsecureHttp

  const submit = (event: React.FormEvent): void => {
    event.preventDefault()
    // The key stays in the form, unsent, until the plain http box is ticked (the button waits too).
    if (isWaitingForConsent) return
    setAdded(null)
    add.reset()
    const hourlyLimit = optionalCount(hourly)
    const dailyCap = optionalCount(daily)
    const key = apiKey
    // The key leaves the form with this submit, whatever happens next.
    setApiKey('')
    if (hourlyLimit === 'invalid' || dailyCap === 'invalid') {
      setProblem('Hourly limit and daily cap: a whole number above zero, or leave it empty.')
      return
    }
    const input = {
      alias: alias.trim(),
      baseUrl: baseUrl.trim(),
      apiKey: key,
      ...(hourlyLimit ? { hourlyLimit } : {}),
      ...(dailyCap ? { dailyCap } : {}),
      makeDefault,
      ...(needsConsent ? { allowInsecureHttp: true } : {}),
    }
    const found = firstProblem(calls['accounts.add'].input, input, {
      alias: 'Alias',
      baseUrl: 'Base URL',
      apiKey: 'API key',
    })
    setProblem(found)
    if (found) return
    add.mutate(input, {
      onSuccess: (result) => {
        setAdded(result.account.alias)
        setAlias('')
        setHourly('')
        setDaily('')
        setAllowInsecureHttp(false)
      },
    })
  }

  return (
    <section className="card add-account" aria-labelledby="add-account-title" data-testid="add-account">
      <h2 id="add-account-title" className="card__title">
        Add an account
      </h2>
      <p className="card__intro">
        Create a key in Plausible under Settings → API Keys. The key is checked with one request to the server
        before it is stored.
      </p>
      <form className="form form--grid" onSubmit={submit} noValidate>
        <label className="field">
          Base URL
          <input
            data-testid="add-base-url"
            value={baseUrl}
            onChange={(e) => setBaseUrl(e.target.value)}
            placeholder="https://plausible.io"
            autoComplete="url"
          />
        </label>
        <InsecureHttpConsent
          baseUrl={baseUrl}
          isAllowed={allowInsecureHttp}
          onChange={setAllowInsecureHttp}
        />
        <label className="field">
          Alias
          <input
            data-testid="add-alias"
            value={alias}
            onChange={(e) => setAlias(e.target.value)}
            placeholder="work"
            autoComplete="off"
          />
        </label>
        <label className="field field--wide">
          API key
          <input
            data-testid="add-api-key"
            type="password"
            value={apiKey}
            onChange={(e) => setApiKey(e.target.value)}
            autoComplete="off"
            spellCheck={false}
          />
        </label>
        <label className="field">
          <span>
            Hourly limit <span className="field__hint">default: the server’s (600 on plausible.io)</span>
          </span>
          <input
            data-testid="add-hourly-limit"
            inputMode="numeric"
            value={hourly}
            onChange={(e) => setHourly(e.target.value)}
            placeholder="600"
          />
        </label>
        <label className="field">
          <span>
            Daily cap <span className="field__hint">optional</span>
          </span>
          <input
            data-testid="add-daily-cap"
            inputMode="numeric"
            value={daily}
            onChange={(e) => setDaily(e.target.value)}
            placeholder="none"
          />
        </label>
        <label className="check field--wide">
          <input
            type="checkbox"
            data-testid="add-make-default"
            checked={makeDefault}
            onChange={(e) => setMakeDefault(e.target.checked)}
          />
          Make it the default account{isFirst ? ' (the dashboard opens its sites)' : ''}
        </label>
        <div className="form__foot field--wide">
          <button
            type="submit"
            className="button"
            data-testid="add-submit"
            disabled={add.isPending || isWaitingForConsent}
          >
            {add.isPending ? 'Checking the key…' : 'Check and add'}
          </button>
          {added ? (
            <span className="form__done" role="status" data-testid="add-done">
              Added “{added}”: the server accepted the key.
            </span>
          ) : null}
        </div>
      </form>
      {problem ? (
        <p className="form__problem" role="alert" data-testid="add-problem">
          {problem}
        </p>
      ) : null}
      <FailureNote error={add.error} />
    </section>
  )
}

function RotateForm({ alias, onDone }: { alias: string; onDone: () => void }): React.JSX.Element {
  const rotate = useCallMutation('accounts.rotate', accountWrites)
  const [apiKey, setApiKey] = useState('')
  const [problem, setProblem] = useState<string | null>(null)
  const submit = (): void => {
    const input = { alias, apiKey }
    setApiKey('')
    const found = firstProblem(calls['accounts.rotate'].input, input, { apiKey: 'New API key' })
    setProblem(found)
    if (!found) rotate.mutate(input, { onSuccess: onDone })
  }
  return (
    <InlineForm
      testId="rotate-form"
      submitTestId="rotate-submit"
      submitLabel="Replace key"
      pendingLabel="Checking…"
      isPending={rotate.isPending}
      error={rotate.error}
      problem={problem}
      onSubmit={submit}
    >
      <TextField
        label={
          <span>
            New API key{' '}
            <span className="field__hint">checked first; a refused key leaves the old one in place</span>
          </span>
        }
        testId="rotate-api-key"
        type="password"
        value={apiKey}
        onChange={setApiKey}
        hints={{ autoComplete: 'off', spellCheck: false }}
      />
    </InlineForm>
  )
}

function BudgetForm({ account, onDone }: { account: AccountSummary; onDone: () => void }): React.JSX.Element {
  const budget = useCallMutation('accounts.budget', accountWrites)
  const [hourly, setHourly] = useState(String(account.hourlyLimit))
  const [daily, setDaily] = useState(account.dailyCap ? String(account.dailyCap) : '')
  const [problem, setProblem] = useState<string | null>(null)
  const submit = (): void => {
    const hourlyLimit = optionalCount(hourly)
    const dailyCap = optionalCount(daily)
    if (hourlyLimit === 'invalid' || dailyCap === 'invalid' || (!hourlyLimit && !dailyCap)) {
      setProblem(
        'Give an hourly limit and/or a daily cap as whole numbers above zero, or use “Reset to defaults”.',
      )
      return
    }
    setProblem(null)
    budget.mutate(
      { alias: account.alias, ...(hourlyLimit ? { hourlyLimit } : {}), ...(dailyCap ? { dailyCap } : {}) },
      { onSuccess: onDone },
    )
  }
  return (
    <InlineForm
      testId="budget-form"
      submitTestId="budget-submit"
      submitLabel="Save"
      isPending={budget.isPending}
      error={budget.error}
      problem={problem}
      problemTestId="budget-problem"
      onSubmit={submit}
      actions={
        <button
          type="button"
          className="button button--small button--ghost"
          data-testid="budget-clear"
          disabled={budget.isPending}
          onClick={() => budget.mutate({ alias: account.alias, clear: true }, { onSuccess: onDone })}
        >
          Reset to defaults
        </button>
      }
    >
      <TextField
        label="Requests per UTC hour"
        testId="budget-hourly"
        value={hourly}
        onChange={setHourly}
        hints={{ inputMode: 'numeric' }}
      />
      <TextField
        label={
          <span>
            Requests per day <span className="field__hint">empty: no cap</span>
          </span>
        }
        testId="budget-daily"
        value={daily}
        onChange={setDaily}
        hints={{ inputMode: 'numeric' }}
      />
    </InlineForm>
  )
}

function RemoveForm({ account, onDone }: { account: AccountSummary; onDone: () => void }): React.JSX.Element {
  const remove = useCallMutation('accounts.remove', accountWrites)
  const [purgeUsage, setPurgeUsage] = useState(false)
  return (
    <div className="inline-form inline-form--danger" data-testid="remove-form">
      <p className="inline-form__text">
        Remove “{account.alias}” and delete its key from{' '}
        {account.keySource === 'file' ? 'its file' : 'the keychain'}? Its sites leave the dashboard.
      </p>
      <label className="check">
        <input type="checkbox" checked={purgeUsage} onChange={(e) => setPurgeUsage(e.target.checked)} />
        Also forget this key’s request counts
      </label>
      <button
        type="button"
        className="button button--small button--danger"
        data-testid="remove-confirm"
        disabled={remove.isPending}
        onClick={() => remove.mutate({ alias: account.alias, purgeUsage }, { onSuccess: onDone })}
      >
        Remove account
      </button>
      <button type="button" className="button button--small button--ghost" onClick={onDone}>
        Cancel
      </button>
      <FailureNote error={remove.error} />
    </div>
  )
}
