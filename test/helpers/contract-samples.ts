// One valid input and one valid output per call, and fake handlers that answer with them: the fixtures
// of every host's contract test (IPC, control socket, `plausible ui`), which loop over `callNames`.
import type { CallInput, CallName, CallOutput, ContractHandlers } from '../../src/shared/contract'
import { sampleReport } from './report-fixture'

export const sampleInputs: { [N in CallName]: CallInput<N> } = {
  'accounts.list': {},
  'accounts.add': {
    alias: 'client-a',
    baseUrl: 'https://stats.example.com',
    apiKey: 'sample-key-0123456789abcdefghijklmnop',
    hourlyLimit: 1000,
    dailyCap: 5000,
    makeDefault: false,
    verify: true,
  },
  'accounts.use': { alias: 'work' },
  'accounts.remove': { alias: 'client-a', purgeUsage: true },
  'accounts.export': {},
  'accounts.import': {
    accounts: [
      { alias: 'client-b', baseUrl: 'https://stats.example.com', hourlyLimit: 300 },
      { alias: 'work', baseUrl: 'https://plausible.io' },
    ],
    defaultAccount: 'work',
  },
  'accounts.budget': { alias: 'work', hourlyLimit: 300, dailyCap: 2000 },
  'accounts.allowInsecureHttp': { alias: 'lan', allow: true },
  'accounts.rotate': { alias: 'work', apiKey: 'sample-new-key-0123456789abcdefghijkl' },
  'sites.list': { account: 'work' },
  'sites.get': { account: 'work', site: 'example.com' },
  'sites.create': {
    account: 'work',
    domain: 'shop.example.com',
    timezone: 'Europe/Berlin',
    tracker: { outboundLinks: true, fileDownloads: true },
  },
  'sites.update': { site: 'shop.example.com', tracker: { track404Pages: true } },
  'sites.delete': { site: 'old.example.com' },
  'capabilities.get': { account: 'work' },
  'goals.list': { site: 'example.com' },
  'goals.add': { site: 'example.com', goalType: 'event', eventName: 'Signup', displayName: 'Signed up' },
  'goals.remove': { site: 'example.com', goalId: 7 },
  'props.list': { site: 'example.com' },
  'props.add': { site: 'example.com', property: 'author' },
  'props.remove': { site: 'example.com', property: 'author' },
  'sharedLinks.create': { site: 'example.com', name: 'Investors' },
  'guests.list': { site: 'example.com' },
  'guests.invite': { site: 'example.com', email: 'ana@example.com', role: 'viewer' },
  'guests.remove': { site: 'example.com', email: 'ana@example.com' },
  'status.get': {},
  'doctor.run': { account: 'work' },
  'stats.query': {
    account: 'work',
    query: { site_id: 'example.com', metrics: ['visitors', 'pageviews'], date_range: '7d' },
  },
  'stats.realtime': { site: 'example.com' },
  'budget.status': { account: 'work' },
  'queue.inspect': { account: 'work', limit: 20 },
  'queue.corruptList': {},
  'queue.corruptDelete': { names: ['import-3f2a-0009.json.1795000000000'] },
  'queue.corruptRetry': {},
  'pins.list': {},
  'pins.set': {
    pins: [
      { account: 'work', site: 'example.com' },
      { account: 'client-a', site: 'shop.example.org' },
    ],
  },
  'alerts.get': {},
  'alerts.set': { quietHours: { start: '22:00', end: '07:00' }, maxPerHour: 3 },
  'tray.get': {},
  'tray.set': { calm: true },
  'siteIcons.get': {},
  'siteIcons.set': { fetch: true },
  'siteIcons.icon': { account: 'work', site: 'example.com' },
  'realtime.history': { account: 'work', site: 'example.com' },
  'overview.get': { account: 'work', refresh: 'due', awaitRefresh: true },
  'report.build': {
    account: 'work',
    scope: { kind: 'site', site: 'example.com' },
    period: { key: '7d' },
    compare: 'previous_period',
  },
  'report.print': { report: sampleReport, fileName: 'example.com-2026-11-16-2026-11-22.pdf' },
  'reportSchedules.list': {},
  'reportSchedules.add': {
    cadence: 'weekly',
    scope: 'site',
    site: 'example.com',
    format: 'html',
    folder: '/tmp/reports',
  },
  'reportSchedules.remove': { id: 'weekly-0a1b2c3d' },
  'reportSchedules.run': {},
  'dialog.pickFolder': { title: 'Folder for reports' },
  'debug.http': { limit: 10 },
  'mcp.config': {},
  'events.send': {
    account: 'work',
    event: { name: 'Signup', url: 'https://example.com/register', props: { plan: 'pro' } },
    userAgent: 'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0',
    forwardedFor: '203.0.113.7',
  },
}

/** The 24 hours up to 13:00Z of the samples' day, a few of them counted, oldest first. */
const sampleHours = Array.from({ length: 24 }, (_, index) => {
  const hourStartedAt = new Date(Date.parse('2026-11-21T14:00:00.000Z') + index * 3_600_000).toISOString()
  const bySource = { interactive: 0, cli: 0, background: 0, tray: 0 }
  if (index === 20) Object.assign(bySource, { interactive: 31, cli: 4, background: 12, tray: 40 })
  if (index === 23) Object.assign(bySource, { interactive: 12, cli: 3, background: 5, tray: 40 })
  return { hourStartedAt, bySource }
})

/** One job file the journal could not read, as queue.* calls describe it. */
const sampleCorrupt = {
  folder: '/home/user/.config/Plausible Desktop/queue/corrupt',
  files: [
    {
      name: 'import-3f2a-0009.json.1795000000000',
      path: '/home/user/.config/Plausible Desktop/queue/corrupt/import-3f2a-0009.json.1795000000000',
      jobId: 'import-3f2a-0009',
      movedAt: '2026-11-16T08:26:40.000Z',
      bytes: 211,
    },
  ],
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
  'accounts.add': {
    account: {
      alias: 'client-a',
      baseUrl: 'https://stats.example.com',
      isDefault: false,
      isDemo: false,
      hourlyLimit: 1000,
      dailyCap: 5000,
      keySource: 'keychain',
      maskedKey: 'samp…mnop',
    },
    verified: true,
    keyStore: { backend: 'keychain', note: null, folder: null },
  },
  'accounts.use': {
    account: {
      alias: 'work',
      baseUrl: 'https://plausible.io',
      isDefault: true,
      isDemo: false,
      hourlyLimit: 600,
      keySource: 'keychain',
      maskedKey: 'abcd…wxyz',
    },
  },
  'accounts.remove': { alias: 'client-a', keyRemoved: true, usagePurged: true, defaultAccount: 'work' },
  'accounts.export': {
    format: 'plausible-desktop/accounts',
    version: 1,
    exportedAt: '2026-11-22T13:30:00.000Z',
    defaultAccount: 'work',
    accounts: [
      { alias: 'work', baseUrl: 'https://plausible.io', hourlyLimit: 600, isDefault: true, isDemo: false },
    ],
  },
  'accounts.import': {
    added: [
      {
        alias: 'client-b',
        baseUrl: 'https://stats.example.com',
        isDefault: false,
        isDemo: false,
        hourlyLimit: 300,
        keySource: 'none',
        maskedKey: null,
      },
    ],
    kept: [{ alias: 'work', reason: 'already configured here; kept as it is' }],
    defaultAccount: 'work',
  },
  'accounts.budget': {
    account: {
      alias: 'work',
      baseUrl: 'https://plausible.io',
      isDefault: true,
      isDemo: false,
      hourlyLimit: 300,
      dailyCap: 2000,
      keySource: 'keychain',
      maskedKey: 'abcd…wxyz',
    },
  },
  'accounts.allowInsecureHttp': {
    account: {
      alias: 'lan',
      baseUrl: 'http://192.168.1.20:8000',
      isDefault: false,
      isDemo: false,
      hourlyLimit: 600,
      keySource: 'keychain',
      maskedKey: 'abcd…wxyz',
      allowInsecureHttp: true,
    },
  },
  'accounts.rotate': {
    account: {
      alias: 'work',
      baseUrl: 'https://plausible.io',
      isDefault: true,
      isDemo: false,
      hourlyLimit: 600,
      keySource: 'file',
      maskedKey: 'samp…ijkl',
    },
    keyStore: {
      backend: 'file',
      note: 'No D-Bus session is running, so no Secret Service (GNOME Keyring, KWallet) can be reached',
      folder: '/home/user/.config/Plausible Desktop/secrets',
    },
  },
  'sites.list': { account: 'work', sites: [{ domain: 'example.com', timezone: 'Europe/Berlin' }] },
  'sites.get': {
    account: 'work',
    site: {
      domain: 'example.com',
      timezone: 'Europe/Berlin',
      customProperties: ['author'],
      trackerScript: {
        id: 'pa-abc123',
        installationType: 'manual',
        outboundLinks: true,
        fileDownloads: false,
      },
    },
  },
  'sites.create': {
    account: 'work',
    site: { domain: 'shop.example.com', timezone: 'Europe/Berlin', customProperties: [] },
  },
  'sites.update': {
    account: 'work',
    site: { domain: 'shop.example.com', timezone: 'Europe/Berlin', trackerScript: { track404Pages: true } },
  },
  'sites.delete': { account: 'work', site: 'old.example.com', deleted: true },
  'capabilities.get': {
    account: 'work',
    baseUrl: 'https://plausible.io',
    statsV2: true,
    sitesApi: 'available',
    keyKind: 'provisioning',
    sentences: ['This server has the Sites API.', 'This server has Stats API v2.'],
    keyedRequests: 2,
    rateLimitedUntil: null,
    checkedAt: '2026-11-22T13:30:00.000Z',
    isCached: false,
  },
  'goals.list': {
    account: 'work',
    site: 'example.com',
    goals: [
      {
        id: 7,
        displayName: 'Signed up',
        goalType: 'event',
        eventName: 'Signup',
        pagePath: null,
        customProps: {},
      },
    ],
  },
  'goals.add': {
    account: 'work',
    site: 'example.com',
    goal: {
      id: 7,
      displayName: 'Signed up',
      goalType: 'event',
      eventName: 'Signup',
      pagePath: null,
      customProps: {},
    },
  },
  'goals.remove': { account: 'work', site: 'example.com', goalId: 7, deleted: true },
  'props.list': { account: 'work', site: 'example.com', properties: ['author', 'plan'] },
  'props.add': { account: 'work', site: 'example.com', property: 'author', created: true },
  'props.remove': { account: 'work', site: 'example.com', property: 'author', deleted: true },
  'sharedLinks.create': {
    account: 'work',
    site: 'example.com',
    name: 'Investors',
    url: 'https://plausible.io/share/example.com?auth=Xk2p9',
  },
  'guests.list': {
    account: 'work',
    site: 'example.com',
    guests: [{ email: 'ana@example.com', role: 'viewer', status: 'invited' }],
  },
  'guests.invite': {
    account: 'work',
    site: 'example.com',
    guest: { email: 'ana@example.com', role: 'viewer', status: 'invited' },
  },
  'guests.remove': { account: 'work', site: 'example.com', email: 'ana@example.com', deleted: true },
  'status.get': {
    defaultAccount: 'work',
    accounts: [
      {
        alias: 'work',
        baseUrl: 'https://plausible.io',
        isDefault: true,
        isDemo: false,
        keySource: 'keychain',
        budget: {
          account: 'work',
          hourlyLimit: 600,
          usedThisHour: 60,
          remainingThisHour: 540,
          hourStartedAt: '2026-11-22T13:00:00.000Z',
          resetsAt: '2026-11-22T14:00:00.000Z',
          pausedUntil: null,
        },
      },
    ],
    queue: { isDelivering: true, pending: 0, inFlight: 0, failed: 0 },
  },
  'doctor.run': {
    configDir: '/home/user/.config/Plausible Desktop',
    checks: [
      {
        check: 'keychain',
        account: null,
        status: 'ok',
        message: 'Keys are kept in the OS keychain.',
        hint: null,
      },
      {
        check: 'clock',
        account: 'work',
        status: 'warn',
        message: "This clock is 14.0 s ahead of the server's.",
        hint: 'Synchronise the clock (NTP): the budget counts UTC hours, and a skewed clock misjudges when the hour resets.',
      },
    ],
    ok: 1,
    warn: 1,
    fail: 0,
  },
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
    thisHourBySource: { interactive: 12, cli: 3, background: 5, tray: 40 },
    hours: sampleHours,
  },
  'queue.inspect': {
    isDelivering: true,
    worker: {
      lock: '/home/me/.config/Plausible Desktop/queue/worker.lock',
      state: 'this-process',
      pid: 4242,
      host: 'laptop',
      since: '2026-11-22T09:00:00.000Z',
      reason: null,
    },
    pending: 2,
    inFlight: 1,
    failed: 0,
    jobs: [
      {
        id: 'import-3f2a-0007',
        kind: 'event',
        account: 'work',
        state: 'in-flight',
        attempts: 1,
        createdAt: '2026-11-22T13:20:00.000Z',
        nextAttemptAt: null,
        lastError: null,
        possiblyDelivered: false,
      },
      {
        id: 'import-3f2a-0008',
        kind: 'event',
        account: 'work',
        state: 'waiting',
        attempts: 2,
        createdAt: '2026-11-22T13:20:00.000Z',
        nextAttemptAt: '2026-11-22T13:21:04.000Z',
        lastError: { code: 'SERVER_ERROR', message: 'HTTP 503', at: '2026-11-22T13:21:00.000Z' },
        possiblyDelivered: true,
      },
    ],
    possiblyDelivered: 1,
    corrupt: sampleCorrupt,
    requests: [{ account: 'work', queued: 0, running: 1, waiting: 0 }],
    budget: {
      account: 'work',
      hourlyLimit: 600,
      usedThisHour: 60,
      remainingThisHour: 540,
      hourStartedAt: '2026-11-22T13:00:00.000Z',
      resetsAt: '2026-11-22T14:00:00.000Z',
      pausedUntil: null,
      reservedForInteractive: 60,
      dailyLimit: 5000,
      usedToday: 410,
      remainingToday: 4590,
      dayResetsAt: '2026-11-23T00:00:00.000Z',
      lastPausedAt: null,
      sharedThrough: 'file',
      thisHourBySource: { interactive: 12, cli: 3, background: 5, tray: 40 },
      hours: sampleHours,
    },
    reads: { requests: 12, coalesced: 3, cached: 9 },
  },
  'queue.corruptList': sampleCorrupt,
  'queue.corruptDelete': { folder: sampleCorrupt.folder, deleted: ['import-3f2a-0009.json.1795000000000'] },
  'queue.corruptRetry': {
    folder: sampleCorrupt.folder,
    results: [
      {
        name: 'import-3f2a-0009.json.1795000000000',
        result: 'unreadable',
        reason: 'it is not valid JSON; mend the file first',
      },
    ],
  },
  'pins.list': { pins: [{ account: 'work', site: 'example.com' }] },
  'pins.set': {
    pins: [
      { account: 'work', site: 'example.com' },
      { account: 'client-a', site: 'shop.example.org' },
    ],
  },
  'alerts.get': {
    enabled: true,
    rules: [{ account: 'work', site: 'example.com', spikeAt: 50, dropBelow: 2 }],
    quietHours: null,
    maxPerHour: 4,
  },
  'alerts.set': {
    enabled: true,
    rules: [{ account: 'work', site: 'example.com', spikeAt: 50, dropBelow: 2 }],
    quietHours: { start: '22:00', end: '07:00' },
    maxPerHour: 3,
  },
  'tray.get': {
    settings: { startAtLogin: false, calm: false, isPollingPaused: false },
    polling: [
      {
        account: 'work',
        sites: ['example.com'],
        intervalMs: 60_000,
        pausedUntil: null,
        nextPollAt: '2026-11-22T13:21:00.000Z',
      },
    ],
  },
  'tray.set': {
    settings: { startAtLogin: false, calm: true, isPollingPaused: false },
    polling: [],
  },
  'siteIcons.get': { fetch: false, folder: '/home/someone/.config/Plausible Desktop/site-icons', cached: 0 },
  'siteIcons.set': { fetch: true, folder: '/home/someone/.config/Plausible Desktop/site-icons', cached: 0 },
  'siteIcons.icon': {
    account: 'work',
    site: 'example.com',
    icon: { contentType: 'image/png', dataUrl: 'data:image/png;base64,iVBORw0KGgo=' },
    from: 'server',
    fetchedAt: '2026-11-22T13:20:00.000Z',
  },
  'realtime.history': {
    account: 'work',
    site: 'example.com',
    recent: [
      { at: '2026-11-22T13:19:00.000Z', visitors: 11 },
      { at: '2026-11-22T13:20:00.000Z', visitors: 12 },
    ],
    day: [{ at: '2026-11-22T13:15:00.000Z', min: 11, max: 12, mean: 11.5, samples: 2 }],
    bucketMs: 300_000,
  },
  'report.build': sampleReport,
  'report.print': { path: '/tmp/example.com.pdf' },
  'reportSchedules.list': {
    schedules: [
      {
        id: 'weekly-0a1b2c3d',
        cadence: 'weekly' as const,
        scope: 'site' as const,
        site: 'example.com',
        format: 'html' as const,
        folder: '/tmp/reports',
        timeZone: 'Europe/Berlin',
        since: '2026-11-16',
      },
    ],
    runs: {},
  },
  'reportSchedules.add': {
    schedule: {
      id: 'weekly-0a1b2c3d',
      cadence: 'weekly' as const,
      scope: 'site' as const,
      site: 'example.com',
      format: 'html' as const,
      folder: '/tmp/reports',
      timeZone: 'Europe/Berlin',
      since: '2026-11-16',
    },
    list: { schedules: [], runs: {} },
  },
  'reportSchedules.remove': { schedules: [], runs: {} },
  'reportSchedules.run': {
    ran: true,
    written: [{ id: 'weekly-0a1b2c3d', path: '/tmp/reports/example.com-weekly-2026-11-16.html' }],
    failed: [],
  },
  'dialog.pickFolder': { path: '/tmp/reports' },
  'overview.get': {
    generatedAt: '2026-11-22T13:20:00.000Z',
    cards: [
      {
        account: 'work',
        site: 'example.com',
        timezone: 'Europe/Berlin',
        visitors: 1234,
        previousVisitors: 1100,
        change: 12,
        sparkline: [
          { hour: '2026-11-21 14:00:00', visitors: 40 },
          { hour: '2026-11-21 15:00:00', visitors: 52 },
        ],
        window: { from: '2026-11-20T14:00:00+01:00', to: '2026-11-22T14:59:59+01:00' },
        asOf: '2026-11-22T13:15:00.000Z',
        currentVisitors: { visitors: 12, at: '2026-11-22T13:20:00.000Z' },
        pinIndex: 0,
        stale: null,
        error: null,
      },
    ],
    accounts: [
      {
        account: 'work',
        isDemo: false,
        siteCount: 1,
        requestsPerRefresh: 1,
        intervalMs: 300_000,
        lastRefreshAt: '2026-11-22T13:15:00.000Z',
        nextRefreshAt: '2026-11-22T13:20:00.000Z',
        isRefreshing: false,
        stale: null,
        error: null,
      },
    ],
    refresh: { siteCount: 1, requestsPerRefresh: 1, nextRefreshAt: '2026-11-22T13:20:00.000Z' },
  },
  'debug.http': {
    exchanges: [
      {
        at: '2026-11-22T13:20:00.000Z',
        process: 'cli',
        method: 'POST',
        url: 'https://plausible.io/api/v2/query',
        status: 200,
        durationMs: 182,
        requestHeaders: { authorization: 'Bearer abcd…wxyz', 'content-type': 'application/json' },
        requestBody: '{"site_id":"example.com","metrics":["visitors"],"date_range":"7d"}',
        responseBody: '{"results":[{"metrics":[1234],"dimensions":[]}],"meta":{},"query":{}}',
        isTruncated: false,
        error: null,
      },
    ],
  },
  'events.send': { status: 'dropped', dropped: 1, jobId: 'send-5f0c8a4e-2b7d-4c1e-9a3f-6d2e8b1c4a70' },
  'mcp.config': {
    launch: { command: '/usr/bin/node', args: ['/opt/plausible/out/main/cli.js'] },
    clients: [
      {
        client: 'claude',
        file: 'claude_desktop_config.json',
        snippet:
          '{"mcpServers":{"plausible":{"command":"/usr/bin/node","args":["/opt/plausible/out/main/cli.js","mcp"]}}}\n',
      },
    ],
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
    'accounts.add': answer('accounts.add'),
    'accounts.use': answer('accounts.use'),
    'accounts.remove': answer('accounts.remove'),
    'accounts.export': answer('accounts.export'),
    'accounts.import': answer('accounts.import'),
    'accounts.budget': answer('accounts.budget'),
    'accounts.allowInsecureHttp': answer('accounts.allowInsecureHttp'),
    'accounts.rotate': answer('accounts.rotate'),
    'sites.list': answer('sites.list'),
    'sites.get': answer('sites.get'),
    'sites.create': answer('sites.create'),
    'sites.update': answer('sites.update'),
    'sites.delete': answer('sites.delete'),
    'capabilities.get': answer('capabilities.get'),
    'goals.list': answer('goals.list'),
    'goals.add': answer('goals.add'),
    'goals.remove': answer('goals.remove'),
    'props.list': answer('props.list'),
    'props.add': answer('props.add'),
    'props.remove': answer('props.remove'),
    'sharedLinks.create': answer('sharedLinks.create'),
    'guests.list': answer('guests.list'),
    'guests.invite': answer('guests.invite'),
    'guests.remove': answer('guests.remove'),
    'status.get': answer('status.get'),
    'doctor.run': answer('doctor.run'),
    'stats.query': answer('stats.query'),
    'stats.realtime': answer('stats.realtime'),
    'budget.status': answer('budget.status'),
    'queue.inspect': answer('queue.inspect'),
    'queue.corruptList': answer('queue.corruptList'),
    'queue.corruptDelete': answer('queue.corruptDelete'),
    'queue.corruptRetry': answer('queue.corruptRetry'),
    'pins.list': answer('pins.list'),
    'pins.set': answer('pins.set'),
    'alerts.get': answer('alerts.get'),
    'alerts.set': answer('alerts.set'),
    'tray.get': answer('tray.get'),
    'tray.set': answer('tray.set'),
    'siteIcons.get': answer('siteIcons.get'),
    'siteIcons.set': answer('siteIcons.set'),
    'siteIcons.icon': answer('siteIcons.icon'),
    'realtime.history': answer('realtime.history'),
    'overview.get': answer('overview.get'),
    'report.build': answer('report.build'),
    'report.print': answer('report.print'),
    'reportSchedules.list': answer('reportSchedules.list'),
    'reportSchedules.add': answer('reportSchedules.add'),
    'reportSchedules.remove': answer('reportSchedules.remove'),
    'reportSchedules.run': answer('reportSchedules.run'),
    'dialog.pickFolder': answer('dialog.pickFolder'),
    'events.send': answer('events.send'),
    'debug.http': answer('debug.http'),
    'mcp.config': answer('mcp.config'),
  } satisfies Record<CallName, unknown>
  return { handlers: handlers as ContractHandlers, received }
}
