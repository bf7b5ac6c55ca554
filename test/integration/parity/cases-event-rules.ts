// Issue 15 item 5: the Events API's validation (lib/plausible/ingestion/request.ex @69e5af5, ported in
// src/shared/plausible/event-request.ts) asked of the sandbox in cloud and in CE mode, raw and through
// the client — which refuses locally, with the server's map, whatever the server would refuse, and says
// so in its own words where the server would take the event and lose it (a non-http(s) url, props it
// drops, a revenue it cannot read). Each row names the server test it ports: request_test.exs (RT),
// external_controller_test.exs (ECT), or the request.ex function where no test covers the rule.
import { expect } from 'vitest'
import type { AcceptedEvent } from '../../../src/core/sandbox/ingest'
import type { ClientExpectation, Context, ParityCase, RawRequest } from './harness'

type Body = Record<string, unknown>
type Mode = 'cloud' | 'ce'
const shop = 'shop.example.com'
const browser = 'Mozilla/5.0 (X11; Linux x86_64; rv:130.0) Gecko/20100101 Firefox/130.0'

interface RuleRow {
  name: string
  /** The raw request's body: JSON-encoded unless it is a string. */
  body: Body | string
  contentType?: string
  /** A 400: the server's `errors` map. */
  errors?: Record<string, string[]>
  /** A 202: the `x-plausible-dropped` count, or null for none; `check` looks at the stored event. */
  dropped?: number | null
  check?: (event: AcceptedEvent, mode: Mode, run: Context['run']) => void
  /** What the client is asked to send; default: the body. */
  clientEvent?: Body
  /** The client's local refusal when it is not the server's map. */
  clientErrors?: Record<string, string[]>
  /** The client's event is one the server takes, where the raw body is refused. */
  isClientAccepted?: boolean
  /** Events stored by the request; default one, none when dropped. */
  stored?: number
  modes?: readonly Mode[]
}

const rows: RuleRow[] = [
  // ── 400: the field map ──────────────────────────────────────────────────────────────────────────
  {
    name: "RT 'request cannot be built from conn without payload': name, url and domain at once",
    body: {},
    errors: { domain: ["can't be blank"], event_name: ["can't be blank"], url: ['is required'] },
  },
  {
    name: "ECT 'responds 400 when required fields are missing'",
    body: { domain: shop, name: 'pageview' },
    errors: { url: ['is required'] },
  },
  {
    name: "ECT 'responds 400 with errors when domain is missing' (the client also refuses about:, issue 12)",
    body: { domain: null, url: 'about:config', name: 'pageview' },
    errors: { domain: ["can't be blank"] },
    clientErrors: {
      domain: ["can't be blank"],
      url: ['must be an http:// or https:// URL (it is about:)'],
    },
  },
  {
    name: "RT 'returns validation error when using data uris'",
    body: { name: 'pageview', domain: shop, url: 'data:text/html,%3Cscript%3Ealert%28%27hi%27%29%3B' },
    errors: { url: ['scheme is not allowed'] },
  },
  {
    name: "RT 'returns validation error when url is too long' (and no host left to take the domain from)",
    body: { name: 'pageview', url: `https://${shop}/${'a'.repeat(5000)}` },
    errors: { domain: ["can't be blank"], url: ['must be a valid url'] },
  },
  {
    name: "RT 'returns validation error when event name is too long'",
    body: { name: 'a'.repeat(500), domain: shop, url: `https://${shop}/` },
    errors: { event_name: ['should be at most 120 character(s)'] },
  },
  {
    name: "RT 'returns validation error when event name is blank'",
    body: { name: null, domain: shop, url: `https://${shop}/` },
    errors: { event_name: ["can't be blank"] },
  },
  {
    name: "RT 'returns validation error when event name cannot be cast to string'",
    body: { name: ['list', 'of', 'things'], domain: shop, url: `https://${shop}/` },
    errors: { event_name: ['is invalid'] },
  },
  {
    name: "RT 'returns validation error when props keys are too long'",
    body: { name: 'pageview', domain: shop, url: `https://${shop}/`, props: { ['a'.repeat(500)]: 'abc' } },
    errors: { props: ['keys should have at most 300 bytes and values 2000 bytes'] },
  },
  {
    name: "RT 'returns validation error when props values are too long'",
    body: { name: 'pageview', domain: shop, url: `https://${shop}/`, props: { abc: 'a'.repeat(2500) } },
    errors: { props: ['keys should have at most 300 bytes and values 2000 bytes'] },
  },
  {
    name: 'an engagement without sd or e (request.ex put_engagement_fields)',
    body: { name: 'engagement', domain: shop, url: `https://${shop}/` },
    errors: {
      event_name: ["engagement event requires a valid integer value for at least one of 'sd' or 'e' fields"],
    },
  },
  {
    name: 'a host that sanitizes to nothing (request.ex put_hostname, validate_required)',
    body: { name: 'pageview', url: 'http://www./x' },
    errors: { hostname: ["can't be blank"] },
  },
  {
    name: 'a url of spaces leaves no pathname (request.ex put_pathname, validate_required)',
    body: { name: 'pageview', domain: shop, url: '   ' },
    errors: { pathname: ["can't be blank"] },
  },
  {
    name: 'a hashMode that is no integer (request.ex put_request_params; the client sends its boolean as 1)',
    body: { name: 'pageview', domain: shop, url: `https://${shop}/#x`, hashMode: 'yes' },
    errors: { hash_mode: ['is invalid'] },
    clientEvent: { name: 'pageview', domain: shop, url: `https://${shop}/#x`, hashMode: true },
    isClientAccepted: true,
    check: (event) => expect(event.pathname).toBe('/#x'),
  },
  {
    name: "RT 'malicious input, technically valid json' as text/plain (the client never sends one)",
    body: '"<script>"',
    contentType: 'text/plain',
    errors: { request: ['Unable to parse request body as json'] },
    clientEvent: {},
    clientErrors: { domain: ["can't be blank"], event_name: ["can't be blank"], url: ['is required'] },
  },
  {
    name: "RT 'malicious input, technically valid json' as application/json: Plug.Parsers' _json, so the fields",
    body: '"<script>"',
    errors: { domain: ["can't be blank"], event_name: ["can't be blank"], url: ['is required'] },
    clientEvent: {},
  },
  {
    name: "ECT 'returns error if JSON cannot be parsed' (text/plain)",
    body: '',
    contentType: 'text/plain',
    errors: { request: ['Unable to parse request body as json'] },
    clientEvent: {},
    clientErrors: { domain: ["can't be blank"], event_name: ["can't be blank"], url: ['is required'] },
  },
  // ── 202: taken, and what the server makes of it ─────────────────────────────────────────────────
  {
    name: "RT 'request can be built with numeric event name'; a 404 gets path from the pathname (SystemGoals)",
    body: { n: 404, d: shop, u: `https://${shop}/missing?from=parity` },
    dropped: null,
    clientEvent: { name: 404, domain: shop, url: `https://${shop}/missing?from=parity` },
    check: (event) => expect([event.name, event.props]).toEqual(['404', { path: '/missing' }]),
  },
  {
    name: "ECT 'www. is stripped from hostname', 'trailing whitespace is removed'",
    body: { name: 'pageview', domain: shop, url: `http://www.${shop}/path ` },
    dropped: null,
    check: (event) => expect([event.hostname, event.pathname]).toEqual([shop, '/path']),
  },
  {
    name: "ECT 'casts custom props to string'",
    body: {
      name: 'Signup',
      domain: shop,
      url: `https://${shop}/`,
      props: { bool_test: true, number_test: 12 },
    },
    dropped: null,
    check: (event) => expect(event.props).toEqual({ bool_test: 'true', number_test: '12' }),
  },
  {
    name: "ECT 'filters out bad props' (the client names what the server would drop)",
    body: {
      name: 'Signup',
      domain: shop,
      url: `https://${shop}/`,
      props: { false: null, '': false, good: true, '      ': '    ', '    ': 'value', key: '    ' },
    },
    dropped: null,
    check: (event) => expect(event.props).toEqual({ good: 'true' }),
    clientErrors: {
      props: [
        '"false" must be a string, number or boolean (lists and maps are dropped)',
        'the key "" is blank (it would be dropped)',
        'the key "      " is blank (it would be dropped)',
        'the key "    " is blank (it would be dropped)',
        'the value of "key" is empty (it would be dropped)',
      ],
    },
  },
  {
    name: "RT 'trims prop list to 30 items when sending too many items': the 30 largest keys (the client refuses)",
    body: {
      name: 'Signup',
      domain: shop,
      url: `https://${shop}/`,
      props: Object.fromEntries(
        Array.from({ length: 32 }, (_, i) => [`k${String(i).padStart(2, '0')}`, 'v']),
      ),
    },
    dropped: null,
    check: (event) =>
      expect(Object.keys(event.props).sort()).toEqual(
        Array.from({ length: 30 }, (_, i) => `k${String(i + 2).padStart(2, '0')}`),
      ),
    clientErrors: { props: ['at most 30 properties are kept (this event has 32)'] },
  },
  {
    name: "ECT 'defaults hostname to (none) when missing' (the client refuses file:, issue 12)",
    body: { name: 'pageview', domain: shop, url: 'file:///android_asset/www/index.html' },
    dropped: null,
    check: (event) => expect(event.hostname).toBe('(none)'),
    clientErrors: { url: ['must be an http:// or https:// URL (it is file:)'] },
  },
  {
    name: "RT 'parses revenue source field from a json string': kept on plausible.io, never read on CE",
    body: {
      name: 'Purchase',
      domain: shop,
      url: `https://${shop}/checkout`,
      revenue: '{"amount":20.2,"currency":"EUR"}',
    },
    clientEvent: {
      name: 'Purchase',
      domain: shop,
      url: `https://${shop}/checkout`,
      revenue: { amount: 20.2, currency: 'EUR' },
    },
    dropped: null,
    check: (event, mode) =>
      expect(event.revenue).toEqual(mode === 'cloud' ? { currency: 'EUR', amount: '20.2' } : null),
  },
  {
    name: "ECT 'does not fail when revenue value is invalid' (the client names what would be discarded)",
    body: {
      name: 'Payment',
      domain: shop,
      url: `https://${shop}/`,
      revenue: { amount: '1831d', currency: 'ADSIE' },
    },
    dropped: null,
    check: (event) => expect(event.revenue).toBeNull(),
    clientErrors: { revenue: ['currency must be a 3-letter ISO code such as USD'] },
  },
  {
    name: 'a lone "i": false is nil to `i || interactive`; the client sends interactive (request.ex put_interactive)',
    body: { n: 'Scroll', d: shop, u: `https://${shop}/`, i: false },
    clientEvent: { name: 'Scroll', domain: shop, url: `https://${shop}/`, interactive: false },
    dropped: null,
    check: (event, _mode, run) => expect(event.interactive).toBe(run === 'http'),
  },
  {
    name: 'a trailing comma in domain is an empty site, dropped (request.ex map_domains, GateKeeper)',
    body: { name: 'pageview', domain: `${shop},`, url: `https://${shop}/` },
    dropped: 1,
    stored: 1,
  },
]

function httpOf(row: RuleRow): RawRequest {
  return {
    method: 'POST',
    path: '/api/event',
    body: row.body,
    ...(row.contentType ? { contentType: row.contentType } : {}),
    headers: { 'user-agent': browser, 'x-forwarded-for': '203.0.113.21' },
  }
}

function caseFor(row: RuleRow, mode: Mode): ParityCase {
  const clientErrors = row.isClientAccepted ? undefined : (row.clientErrors ?? row.errors)
  // The two runs of a case go one after the other: the event a run stored is the last one.
  let before = { received: 0, accepted: 0 }
  const checkStored = (context: Context): void => {
    const counts = context.sandbox.events()
    expect(counts.received).toBe(before.received + 1)
    expect(counts.accepted).toBe(before.accepted + (row.stored ?? (row.dropped ? 0 : 1)))
    row.check?.(context.sandbox.acceptedEvents().at(-1)!, mode, context.run)
  }
  const expectClient: ClientExpectation =
    clientErrors !== undefined
      ? { error: { code: 'EVENT_INVALID', fieldErrors: clientErrors, message: /^The event was not sent: / } }
      : {
          // Nothing the server takes is refused locally: the client's answer is the server's.
          check: (value, context) => {
            expect(value).toEqual(
              row.dropped ? { status: 'dropped', dropped: row.dropped } : { status: 'accepted' },
            )
            checkStored(context)
          },
        }
  return {
    name: `event rule (${mode}): ${row.name}`,
    group: mode === 'cloud' ? 'events' : 'ce',
    sandbox: mode,
    key: 'none',
    before: (context) => {
      const { received, accepted } = context.sandbox.events()
      before = { received, accepted }
    },
    http: httpOf(row),
    expectHttp:
      row.errors === undefined
        ? {
            status: 202,
            text: 'ok',
            headers: { 'x-plausible-dropped': row.dropped ? String(row.dropped) : null },
            check: (_response, context) => checkStored(context),
          }
        : { status: 400, body: { errors: row.errors } },
    client: async (client, context) => {
      try {
        return await client.events.send((row.clientEvent ?? row.body) as never, { userAgent: browser })
      } finally {
        // A local refusal sends nothing.
        if (clientErrors !== undefined) expect(context.sandbox.events().received).toBe(before.received)
      }
    },
    expectClient,
  }
}

export const eventRuleCases: ParityCase[] = rows.flatMap((row) =>
  (row.modes ?? (['cloud', 'ce'] as const)).map((mode) => caseFor(row, mode)),
)
