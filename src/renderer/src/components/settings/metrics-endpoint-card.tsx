// The /metrics endpoint (issue 18): what `plausible metrics` prints, served over HTTP to a Prometheus
// scraper while the app runs. Off by default; the card says what it exposes before the switch, and the
// state beside it is the core's — "Serving" only when the server really listens, else why not.
import { useState } from 'react'
import type { MetricsEndpointStatus } from '../../../../shared/contract/metrics-endpoint'
import { useApi } from '../../api/client'
import { useCallMutation } from '../../api/mutations'
import { useMetricsEndpoint } from '../../api/metrics-endpoint-queries'
import { InlineForm, TextField } from '../inline-form'
import { SavedSwitch } from './saved-switch'

const stateWords: Record<MetricsEndpointStatus['state'], string> = {
  off: 'Off',
  serving: 'Serving',
  failed: 'Not serving',
  waiting: 'On, not served by this process',
}

export function MetricsEndpointCard(): React.JSX.Element {
  const api = useApi()
  const endpoint = useMetricsEndpoint()
  const status = endpoint.data
  return (
    <section className="card" data-testid="metrics-endpoint-card" aria-labelledby="metrics-endpoint-title">
      <div className="card__head">
        <h2 id="metrics-endpoint-title" className="card__title">
          Metrics endpoint (Prometheus)
        </h2>
        {status ? (
          <span className="badge" data-testid="metrics-endpoint-state" data-state={status.state}>
            {stateWords[status.state]}
          </span>
        ) : null}
      </div>
      <p className="card__intro">
        Serves what <code>plausible metrics</code> prints — each account’s budget, the write journal, 429s,
        request latency and the pinned sites’ realtime visitors — at <code>GET /metrics</code> while this app
        runs. A scrape reads the app’s own files and sends no request to Plausible. The endpoint has no
        password, so it listens on this machine only unless you let other machines connect.
      </p>
      {status ? (
        <>
          <SavedSwitch
            saved={status.enabled}
            save={(enabled) => api['metricsEndpoint.set']({ enabled })}
            invalidates="metricsEndpoint.get"
            label="Serve /metrics"
            hint="off by default"
            testId="metrics-endpoint-enabled"
          />
          <AddressForm saved={status.address} />
          <SavedSwitch
            saved={status.allowNonLoopback}
            save={(allowNonLoopback) => api['metricsEndpoint.set']({ allowNonLoopback })}
            invalidates="metricsEndpoint.get"
            label="Let other machines connect"
            hint="anyone who can reach the address reads account and site names"
            testId="metrics-endpoint-allow-non-loopback"
          />
          <EndpointState status={status} />
        </>
      ) : null}
    </section>
  )
}

function AddressForm({ saved }: { saved: string }): React.JSX.Element {
  const [typed, setTyped] = useState<string | null>(null)
  const save = useCallMutation('metricsEndpoint.set', ['metricsEndpoint.get'])
  const address = typed ?? saved
  return (
    <InlineForm
      testId="metrics-endpoint-address-form"
      submitTestId="metrics-endpoint-address-save"
      submitLabel="Save address"
      pendingLabel="Saving…"
      isPending={save.isPending}
      isBlocked={address.trim() === saved}
      error={save.error}
      onSubmit={() => save.mutate({ address: address.trim() }, { onSuccess: () => setTyped(null) })}
    >
      <TextField
        label="Address (host:port; port 0 picks a free one)"
        testId="metrics-endpoint-address"
        value={address}
        onChange={setTyped}
        placeholder="127.0.0.1:9464"
        hints={{ spellCheck: false, autoComplete: 'off' }}
      />
    </InlineForm>
  )
}

function EndpointState({ status }: { status: MetricsEndpointStatus }): React.JSX.Element | null {
  if (status.state === 'serving' && status.url)
    return (
      <p className="card__intro" role="status">
        Serving at <code data-testid="metrics-endpoint-url">{status.url}</code>. Point a Prometheus scrape job
        at it.
      </p>
    )
  if (status.state === 'failed' && status.error)
    return (
      <div
        className="failure-note"
        role="alert"
        data-testid="metrics-endpoint-error"
        data-code={status.error.code}
      >
        <p className="failure-note__message">{status.error.message}</p>
        <p className="failure-note__hint">{status.error.hint}</p>
      </div>
    )
  if (status.state === 'waiting')
    return (
      <p className="card__intro" role="status">
        Turned on: the app (or <code>plausible ui</code>) serves it at {status.address} while it runs.
      </p>
    )
  return null
}
