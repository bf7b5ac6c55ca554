// One valid input and one valid output per call, and fake handlers that answer with them: the fixtures
// of every host's contract test (IPC, control socket, `plausible ui`), which loop over `callNames`.
import type { CallInput, CallName, CallOutput, ContractHandlers } from '../../src/shared/contract'

export const sampleInputs: { [N in CallName]: CallInput<N> } = {
  'accounts.list': {},
  'sites.list': { account: 'work' },
  'stats.query': {
    account: 'work',
    query: { site_id: 'example.com', metrics: ['visitors', 'pageviews'], date_range: '7d' },
  },
  'stats.realtime': { site: 'example.com' },
  'budget.status': { account: 'work' },
}

export const sampleOutputs: { [N in CallName]: CallOutput<N> } = {
  'accounts.list': {
    accounts: [
      {
        alias: 'work',
        baseUrl: 'https://plausible.io',
        isDefault: true,
        isDemo: false,
        hourlyLimit: 600,
        keySource: 'keychain',
        maskedKey: 'abcd…wxyz',
      },
    ],
  },
  'sites.list': { account: 'work', sites: [{ domain: 'example.com', timezone: 'Europe/Berlin' }] },
  'stats.query': {
    results: [{ metrics: [1234, 5678], dimensions: [] }],
    meta: {},
    query: { site_id: 'example.com', date_range: ['2026-11-15T00:00:00+01:00', '2026-11-21T23:59:59+01:00'] },
  },
  'stats.realtime': { site: 'example.com', visitors: 12 },
  'budget.status': {
    account: 'work',
    hourlyLimit: 600,
    usedThisHour: 60,
    remainingThisHour: 540,
    hourStartedAt: '2026-11-22T13:00:00.000Z',
    resetsAt: '2026-11-22T14:00:00.000Z',
    pausedUntil: null,
  },
}

export interface FakeHandlers {
  handlers: ContractHandlers
  /** Every call the handlers received, in order, with the (already parsed) input. */
  received: Array<{ name: CallName; input: unknown }>
}

/** Handlers that record their input and answer with `sampleOutputs`, unless `overrides` says otherwise. */
export function createFakeHandlers(overrides: Partial<ContractHandlers> = {}): FakeHandlers {
  const received: FakeHandlers['received'] = []
  const answer =
    <N extends CallName>(name: N) =>
    async (input: unknown) => {
      received.push({ name, input })
      const override = overrides[name] as ((value: unknown) => Promise<CallOutput<N>>) | undefined
      return override ? override(input) : sampleOutputs[name]
    }
  const handlers = {
    'accounts.list': answer('accounts.list'),
    'sites.list': answer('sites.list'),
    'stats.query': answer('stats.query'),
    'stats.realtime': answer('stats.realtime'),
    'budget.status': answer('budget.status'),
  } satisfies Record<CallName, unknown>
  return { handlers: handlers as ContractHandlers, received }
}
