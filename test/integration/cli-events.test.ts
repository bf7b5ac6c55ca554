// plausible events template|send|import spawned against a sandbox: receipts (accepted, dropped), field
// errors by name, NDJSON and CSV imports that report each bad line and send the rest (exit 8), dry runs.
import { createHash } from 'node:crypto'
import { existsSync, readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { openCore } from '../../src/core/core'
import { dispatch } from '../../src/core/dispatch'
import { importLineKey } from '../../src/shared/plausible/event-file'
import { useCliSandbox } from '../helpers/cli-sandbox'
import { runCli } from '../helpers/spawn-cli'

const browser = 'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0'
const headless = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 HeadlessChrome/131.0.0.0 Safari/537.36'
const site = 'shop.example.com'
const cli = useCliSandbox()

const firstLine = (text: string) => text.split('\n')[0]

describe('plausible events template', () => {
  it('prints an event that events send accepts as it is', async () => {
    const template = await runCli(
      ['events', 'template', '--site', site, '--name', 'Signup', '--json'],
      cli.env,
    )
    expect(template.code).toBe(0)
    expect(JSON.parse(template.stdout)).toEqual({
      name: 'Signup',
      url: `https://${site}/register`,
      domain: site,
      referrer: 'https://www.google.com/',
      props: { plan: 'free' },
    })
    const sent = await runCli(
      ['events', 'send', '--stdin', '--user-agent', browser, '--json'],
      cli.env,
      template.stdout,
    )
    expect(sent.code, sent.stderr).toBe(0)
    expect(JSON.parse(sent.stdout)).toMatchObject({ status: 'accepted' })
  })
})

describe('plausible events send', () => {
  it('prints accepted once the server took the event, and it reaches the stats', async () => {
    const before = cli.sandbox.events().accepted
    const result = await runCli(
      [
        'events',
        'send',
        '--data',
        JSON.stringify({ name: 'pageview', url: `https://${site}/from-cli` }),
        '--user-agent',
        browser,
      ],
      cli.env,
    )
    expect(result.code, result.stderr).toBe(0)
    expect(result.stdout).toMatch(/^accepted \(job send-[0-9a-f-]+\)\n$/)
    expect(cli.sandbox.events().accepted).toBe(before + 1)
  })

  it('sends an event with --idempotency-key once, across runs, and says so on the second run', async () => {
    const before = cli.sandbox.events().accepted
    const args = [
      'events',
      'send',
      '--data',
      JSON.stringify({
        name: 'Purchase',
        url: `https://${site}/checkout`,
        revenue: { amount: 12, currency: 'EUR' },
      }),
      '--user-agent',
      browser,
      '--idempotency-key',
      'order-1042',
    ]
    const first = await runCli(args, cli.env)
    expect(first.code, first.stderr).toBe(0)
    expect(first.stdout).toBe('accepted (job event-env-order-1042)\n')
    const second = await runCli([...args, '--json'], cli.env)
    expect(second.code, second.stderr).toBe(0)
    expect(JSON.parse(second.stdout)).toEqual({
      status: 'accepted',
      jobId: 'event-env-order-1042',
      isRepeat: true,
    })
    expect(cli.sandbox.events().accepted).toBe(before + 1)

    const bad = await runCli([...args.slice(0, -1), 'order 1042'], cli.env)
    expect(bad.code).toBe(2)
    expect(firstLine(bad.stderr)).toBe(
      'error: Invalid input for events.send: idempotencyKey: use 1–120 letters, digits, dots, colons, dashes or underscores.',
    )
  })

  it('takes a key with dots and colons (hashed into the job id), once across runs, and never wedges', async () => {
    const before = cli.sandbox.events().accepted
    const args = [
      'events',
      'send',
      '--data',
      JSON.stringify({ name: 'Signup', url: `https://${site}/welcome` }),
      '--user-agent',
      browser,
      '--idempotency-key',
      'crm:order.1043',
      '--json',
    ]
    const first = await runCli(args, cli.env, undefined, { timeoutMs: 20_000 })
    expect(first.code, first.stderr).toBe(0)
    const receipt = JSON.parse(first.stdout) as { status: string; jobId: string; isRepeat?: boolean }
    expect(receipt.status).toBe('accepted')
    expect(receipt.jobId).toMatch(/^eventh-env-[0-9a-f]{64}$/)
    const second = await runCli(args, cli.env, undefined, { timeoutMs: 20_000 })
    expect(second.code, second.stderr).toBe(0)
    expect(JSON.parse(second.stdout)).toEqual({ status: 'accepted', jobId: receipt.jobId, isRepeat: true })
    expect(cli.sandbox.events().accepted).toBe(before + 1)
  })

  it('says dropped, with the count from x-plausible-dropped, for a bot User-Agent', async () => {
    const result = await runCli(
      [
        'events',
        'send',
        '--data',
        JSON.stringify({ name: 'pageview', url: `https://${site}/` }),
        '--user-agent',
        headless,
        '--json',
      ],
      cli.env,
    )
    expect(result.code, result.stderr).toBe(0)
    expect(JSON.parse(result.stdout)).toMatchObject({ status: 'dropped', dropped: 1 })
  })

  it('names each bad field in the server’s words, exits 2 and journals nothing', async () => {
    const result = await runCli(
      ['events', 'send', '--data', '{"name":"","url":"data:text/plain,hi"}', '--json'],
      cli.env,
    )
    expect(result.code).toBe(2)
    expect(JSON.parse(result.stderr)).toMatchObject({
      error: {
        code: 'EVENT_INVALID',
        details: {
          fieldErrors: {
            domain: ["can't be blank"],
            event_name: ["can't be blank"],
            url: ['scheme is not allowed'],
          },
        },
      },
    })
    expect(
      existsSync(join(cli.configDir, 'queue', 'pending'))
        ? readdirSync(join(cli.configDir, 'queue', 'pending'))
        : [],
    ).toEqual([])
  })

  it('exits 2 with one line for no event, two sources, JSON that is not an object and a missing file', async () => {
    const none = await runCli(['events', 'send'], cli.env)
    expect([none.code, firstLine(none.stderr)]).toEqual([2, 'error: events send needs the event.'])
    const two = await runCli(['events', 'send', '--data', '{}', '--stdin'], cli.env)
    expect([two.code, firstLine(two.stderr)]).toEqual([2, 'error: Give the event one way only.'])
    const list = await runCli(['events', 'send', '--data', '[1]'], cli.env)
    expect([list.code, firstLine(list.stderr)]).toEqual([
      2,
      'error: The event in --data is not a JSON object.',
    ])
    const broken = await runCli(['events', 'send', '--data', '{"name":'], cli.env)
    expect(broken.code).toBe(2)
    expect(firstLine(broken.stderr)).toMatch(/^error: The event in --data is not JSON: /)
    const missing = await runCli(['events', 'send', '--file', '/nonexistent/event.json'], cli.env)
    expect([missing.code, firstLine(missing.stderr)]).toEqual([
      2,
      'error: Could not read /nonexistent/event.json (ENOENT).',
    ])
  })

  it('prints the request under --dry-run, sends and journals nothing', async () => {
    const before = cli.sandbox.events().received
    const result = await runCli(
      [
        'events',
        'send',
        '--data',
        JSON.stringify({ name: 'pageview', url: `https://${site}/` }),
        '--forwarded-for',
        '203.0.113.7',
        '--dry-run',
        '--json',
      ],
      cli.env,
    )
    expect(result.code, result.stderr).toBe(0)
    expect(JSON.parse(result.stdout)).toMatchObject({
      dryRun: true,
      request: {
        method: 'POST',
        url: `${cli.sandbox.baseUrl}/api/event`,
        headers: { 'x-forwarded-for': '203.0.113.7' },
        body: { name: 'pageview', url: `https://${site}/` },
      },
    })
    expect(cli.sandbox.events().received).toBe(before)
    expect(existsSync(join(cli.configDir, 'queue'))).toBe(false)
  })
})

describe('plausible events import', () => {
  it('sends the good lines of an NDJSON file, reports each bad one by number and exits 8', async () => {
    const file = join(cli.configDir, 'events.ndjson')
    writeFileSync(
      file,
      [
        JSON.stringify({ name: 'pageview', url: `https://${site}/a` }),
        'not json',
        '',
        JSON.stringify({ name: 'pageview', url: 'data:x' }),
        JSON.stringify({ name: 'Signup', url: `https://${site}/b`, props: { plan: 'pro' } }),
      ].join('\n'),
    )
    const before = cli.sandbox.events().accepted
    const result = await runCli(['events', 'import', file, '--user-agent', browser, '--json'], cli.env)
    expect(result.code, result.stderr).toBe(8)
    expect(JSON.parse(result.stdout)).toEqual({
      file,
      events: 4,
      queued: 2,
      alreadyDelivered: 0,
      failedBefore: 0,
      delivered: 2,
      failed: 0,
      possiblyRepeated: 0,
      invalid: [
        { line: 2, reason: 'not JSON' },
        {
          line: 4,
          reason: "domain: can't be blank; url: scheme is not allowed",
        },
      ],
      importId: expect.stringMatching(/^imp-\d{8}T\d{9}Z-[0-9a-f]{6}$/),
      previousImportId: null,
    })
    expect(cli.sandbox.events().accepted).toBe(before + 2)
  })

  it('reads CSV with props.<key> columns and quoted fields, and says which lines it skipped', async () => {
    const file = join(cli.configDir, 'signups.csv')
    writeFileSync(
      file,
      [
        'name,url,props.plan,props.note',
        `Signup,https://${site}/register,pro,"first, with a comma"`,
        `Signup,https://${site}/register,free,"said ""hi"""`,
        'Signup,,free,no url',
      ].join('\r\n'),
    )
    const result = await runCli(['events', 'import', file, '--user-agent', browser], cli.env)
    expect(result.code).toBe(8)
    expect(result.stderr).toContain(`${file}:4: domain: can't be blank; url: is required (skipped)`)
    expect(result.stdout).toMatch(
      /^2 of 3 events delivered now, 1 invalid lines skipped\nImport imp-\S+ recorded\n$/,
    )
    const props = cli.sandbox
      .acceptedEvents()
      .filter((event) => event.pathname === '/register')
      .map((event) => (event as { props?: Record<string, string> }).props)
    expect(props).toEqual(
      expect.arrayContaining([
        { plan: 'pro', note: 'first, with a comma' },
        { plan: 'free', note: 'said "hi"' },
      ]),
    )
  })

  it('keys each line as the window does: the window sending an imported line again sends nothing', async () => {
    const file = join(cli.configDir, 'once.ndjson')
    const text = [
      JSON.stringify({ name: 'pageview', url: `https://${site}/once-1` }),
      JSON.stringify({ name: 'pageview', url: `https://${site}/once-2` }),
    ].join('\n')
    writeFileSync(file, text)
    const imported = await runCli(['events', 'import', file, '--user-agent', browser], cli.env)
    expect(imported.code, imported.stderr).toBe(0)
    const before = cli.sandbox.events().accepted
    // The window's import: events.send with the line's key, through a core on the same config dir.
    const core = await openCore({
      configDir: cli.configDir,
      env: { PLAUSIBLE_BASE_URL: cli.sandbox.baseUrl, PLAUSIBLE_API_KEY: cli.sandbox.apiKey },
    })
    try {
      const digest = createHash('sha256').update(text).digest('hex').slice(0, 16)
      const wire = await dispatch(core.handlers, 'events.send', {
        event: { name: 'pageview', url: `https://${site}/once-2` },
        userAgent: browser,
        idempotencyKey: importLineKey(digest, 2),
      })
      expect(wire).toMatchObject({ ok: true, value: { status: 'accepted', isRepeat: true } })
    } finally {
      await core.close()
    }
    expect(cli.sandbox.events().accepted).toBe(before)
  })

  it('counts the events another process delivered for the file, not only its own', async () => {
    // The app (here, a core in this test process) holds the journal: the import journals, the app sends.
    const app = await openCore({ configDir: cli.configDir, env: { PLAUSIBLE_SECRET_STORE: 'file' } })
    try {
      expect((await app.queue.snapshot(1)).isDelivering).toBe(true)
      const file = join(cli.configDir, 'by-the-app.ndjson')
      writeFileSync(
        file,
        [
          JSON.stringify({ name: 'pageview', url: `https://${site}/by-the-app/1` }),
          JSON.stringify({ name: 'pageview', url: `https://${site}/by-the-app/2` }),
        ].join('\n'),
      )
      const before = cli.sandbox.events().accepted
      const result = await runCli(['events', 'import', file, '--user-agent', browser, '--json'], cli.env)
      expect(result.code, result.stderr).toBe(0)
      expect(JSON.parse(result.stdout)).toMatchObject({
        queued: 2,
        delivered: 2,
        failed: 0,
        alreadyDelivered: 0,
      })
      expect(cli.sandbox.events().accepted).toBe(before + 2)
    } finally {
      await app.close()
    }
  })

  it('prints what --dry-run would send and journals nothing', async () => {
    const file = join(cli.configDir, 'events.ndjson')
    writeFileSync(file, `${JSON.stringify({ name: 'pageview', url: `https://${site}/a` })}\n{"name":1}\n`)
    const result = await runCli(['events', 'import', file, '--dry-run', '--json'], cli.env)
    expect(result.code).toBe(8)
    expect(JSON.parse(result.stdout)).toEqual({
      dryRun: true,
      file,
      events: 2,
      invalid: [{ line: 2, reason: "domain: can't be blank; url: is required" }],
      requests: [
        {
          line: 1,
          method: 'POST',
          url: `${cli.sandbox.baseUrl}/api/event`,
          body: { name: 'pageview', url: `https://${site}/a` },
        },
      ],
    })
    expect(existsSync(join(cli.configDir, 'queue'))).toBe(false)
  })

  it('exits 2 for a file that does not exist', async () => {
    const result = await runCli(['events', 'import', '/nonexistent/events.ndjson'], cli.env)
    expect([result.code, firstLine(result.stderr)]).toEqual([
      2,
      'error: Could not read /nonexistent/events.ndjson (ENOENT).',
    ])
  })
})

describe('events: the server’s own rules, run before anything is sent (issue 15, request.ex)', () => {
  const received = () => cli.sandbox.events().received

  it('refuses under --dry-run what the server would refuse, in its words (put_engagement_fields)', async () => {
    const before = received()
    const result = await runCli(
      [
        'events',
        'send',
        '--dry-run',
        '--data',
        JSON.stringify({ name: 'engagement', url: `https://${site}/` }),
      ],
      cli.env,
    )
    expect([result.code, firstLine(result.stderr)]).toEqual([
      2,
      "error: The event was not sent: event_name: engagement event requires a valid integer value for at least one of 'sd' or 'e' fields.",
    ])
    expect(received()).toBe(before)
  })

  it('refuses a url whose host is only www. as the server does (hostname: can’t be blank), journaling nothing', async () => {
    const before = received()
    const result = await runCli(
      ['events', 'send', '--data', JSON.stringify({ name: 'pageview', url: 'http://www./x' }), '--json'],
      cli.env,
    )
    expect(result.code).toBe(2)
    expect(JSON.parse(result.stderr)).toMatchObject({
      error: { code: 'EVENT_INVALID', details: { fieldErrors: { hostname: ["can't be blank"] } } },
    })
    expect(received()).toBe(before)
  })

  it('names each import line the server would refuse or lose, with the server’s words first', async () => {
    const file = join(cli.configDir, 'server-rules.ndjson')
    const thirty = Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`k${i}`, 'v']))
    writeFileSync(
      file,
      [
        { name: 'pageview', url: `https://${site}/ok` },
        { name: 'pageview', url: '   ', domain: site },
        { name: 'n'.repeat(121), url: `https://${site}/` },
        { name: 404, url: `https://${site}/missing`, props: thirty },
        { name: 'pageview', url: `https://${site}/${'a'.repeat(2000)}`, domain: site },
      ]
        .map((line) => JSON.stringify(line))
        .join('\n'),
    )
    const before = received()
    const result = await runCli(['events', 'import', file, '--dry-run', '--json'], cli.env)
    expect(result.code).toBe(8)
    expect(JSON.parse(result.stdout)).toMatchObject({
      events: 5,
      invalid: [
        { line: 2, reason: "pathname: can't be blank" },
        { line: 3, reason: 'event_name: should be at most 120 character(s)' },
        {
          line: 4,
          reason: 'props: at most 30 properties are kept (this event has 31 with the path the server adds)',
        },
        { line: 5, reason: 'url: must be a valid url' },
      ],
    })
    expect(received()).toBe(before)
  })
})
