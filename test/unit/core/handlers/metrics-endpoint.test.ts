// metricsEndpoint.* on a real core: a host (the app, `plausible ui`) serves what `plausible metrics` prints
// once the choice is on; a core nobody hosts (a CLI command) only saves the choice.
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openCore, type Core } from '../../../../src/core/core'
import { dispatch } from '../../../../src/core/dispatch'
import { hostMetricsEndpoint } from '../../../../src/core/handlers/metrics-endpoint'
import { startSandbox, type RunningSandbox } from '../../../../src/core/sandbox'
import type { CallOutput } from '../../../../src/shared/contract'
import { parseMetrics } from '../../../helpers/prometheus'

let sandbox: RunningSandbox
const cores: Core[] = []
const stops: Array<() => Promise<void>> = []

beforeEach(async () => {
  sandbox = await startSandbox({ port: 0 })
})
afterEach(async () => {
  for (const stop of stops.splice(0)) await stop()
  for (const core of cores.splice(0)) await core.close()
  await sandbox.close()
})

async function coreOn(configDir: string): Promise<Core> {
  const core = await openCore({
    configDir,
    env: {
      PLAUSIBLE_API_KEY: sandbox.apiKey,
      PLAUSIBLE_BASE_URL: sandbox.baseUrl,
      PLAUSIBLE_SECRET_STORE: 'file',
    },
  })
  cores.push(core)
  return core
}

async function call<N extends 'metricsEndpoint.get' | 'metricsEndpoint.set' | 'budget.status'>(
  core: Core,
  name: N,
  input: unknown,
): Promise<CallOutput<N>> {
  const wire = await dispatch(core.handlers, name, input)
  if (!wire.ok) throw new Error(`${name}: ${wire.error.code} ${wire.error.message}`)
  return wire.value as CallOutput<N>
}

describe('metricsEndpoint on a core', () => {
  it('serves the metrics text of the core it is hosted on, with the budget of budget.status', async () => {
    const core = await coreOn(mkdtempSync(join(tmpdir(), 'metrics-endpoint-')))
    stops.push(await hostMetricsEndpoint(core))
    const status = await call(core, 'metricsEndpoint.set', { enabled: true, address: '127.0.0.1:0' })
    expect(status).toMatchObject({ enabled: true, state: 'serving', error: null })
    const response = await fetch(status.url!)
    const metrics = parseMetrics(await response.text())
    const budget = await call(core, 'budget.status', {})
    expect([
      metrics.value('plausible_budget_hourly_limit', { account: 'env' }),
      metrics.value('plausible_budget_reserve', { account: 'env' }),
    ]).toEqual([budget.hourlyLimit, budget.reservedForInteractive])
  })

  it('only saves the choice where nothing hosts it, and a host opened later serves it', async () => {
    const configDir = mkdtempSync(join(tmpdir(), 'metrics-endpoint-'))
    const cli = await coreOn(configDir)
    expect(await call(cli, 'metricsEndpoint.set', { enabled: true, address: '127.0.0.1:0' })).toMatchObject({
      state: 'waiting',
      url: null,
    })
    const app = await coreOn(configDir)
    stops.push(await hostMetricsEndpoint(app))
    const served = await call(app, 'metricsEndpoint.get', {})
    expect(served.state).toBe('serving')
    expect((await fetch(served.url!)).status).toBe(200)
  })

  it('answers a refused address with the typed error, in the contract’s envelope', async () => {
    const core = await coreOn(mkdtempSync(join(tmpdir(), 'metrics-endpoint-')))
    const wire = await dispatch(core.handlers, 'metricsEndpoint.set', {
      enabled: true,
      address: '0.0.0.0:9464',
    })
    expect(wire).toMatchObject({ ok: false, error: { code: 'USAGE' } })
    const malformed = await dispatch(core.handlers, 'metricsEndpoint.set', { address: 'localhost' })
    expect(malformed).toMatchObject({ ok: false, error: { code: 'USAGE' } })
  })
})
