// Property test (issue 15 item 5): on a few thousand generated events, valid and invalid, the client's
// local check (checkEvent) and the sandbox's Events API agree. Whatever the sandbox refuses, the client
// refuses, with the server's map for every field the server names; what the client adds is one of our
// three rules (url, props, revenue), each only where the server would take the event and lose something
// — and an event the client passes loses nothing on the way. The sandbox never fails (no 500). The
// client sends hashMode as 1, so the server's hash_mode error is out of its reach (cases-event-rules.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startSandbox, type RunningSandbox } from '../../../src/core/sandbox'
import { parseElixirUri } from '../../../src/shared/plausible/elixir-uri'
import { checkEvent, eventWireBody, type CheckedEvent } from '../../../src/shared/plausible/event-rules'
import { seededRandom } from './query-generator'

const now = Date.parse('2026-11-23T14:30:00Z')
const shop = 'shop.example.com'
const browser = 'Mozilla/5.0 (X11; Linux x86_64; rv:130.0) Gecko/20100101 Firefox/130.0'
const perMode = 1500
const ourFields = new Set(['url', 'props', 'revenue'])

const manyProps = (count: number, first = ''): Record<string, string> =>
  Object.fromEntries(Array.from({ length: count }, (_, i) => [`${first}k${String(i).padStart(2, '0')}`, 'v']))

/** Each field's candidates; `undefined` leaves the field out. */
const choices: Record<keyof CheckedEvent, unknown[]> = {
  name: [
    'pageview',
    'pageview',
    'Signup',
    404,
    '404',
    'Form: Submission',
    'engagement',
    '',
    '   ',
    null,
    'n'.repeat(120),
    'n'.repeat(121),
    '👨‍👩‍👧'.repeat(121),
    ['list'],
    true,
    4.5,
  ],
  url: [
    `https://${shop}/a`,
    `https://${shop}/a`,
    `http://www.${shop}/b c `,
    `https://${shop}/#h`,
    'https://unknown.example/',
    '',
    '   ',
    '/pricing',
    'about:config',
    'data:text/plain,x',
    'DATA:x',
    ' data:x',
    'ftp://x',
    'file:///x',
    'chrome-extension://abc/p',
    'http://www./x',
    `https://${shop}/%zz`,
    `https://${shop}/${'a'.repeat(1975)}`,
    `https://${shop}/${'a'.repeat(1976)}`,
    5,
    null,
    undefined,
  ],
  domain: [undefined, undefined, shop, `${shop},`, `www.${shop}`, '  ', '', 'unknown.test', 5, null],
  referrer: [undefined, undefined, 'https://news.ycombinator.com/', 'r'.repeat(2500), 5],
  props: [
    undefined,
    undefined,
    {},
    { plan: 'pro' },
    { b: true, n: 1.5 },
    manyProps(30),
    manyProps(31),
    { ...manyProps(31, 'z'), ['a'.repeat(301)]: 'v' },
    { k: 'v'.repeat(2001) },
    { ['k'.repeat(301)]: 'v' },
    { list: [1] },
    { map: {} },
    { ' ': 'x' },
    { e: ' ' },
    { n: null },
    '{"a":1}',
  ],
  revenue: [
    undefined,
    undefined,
    { currency: 'EUR', amount: '10.5' },
    { currency: 'USD', amount: 20 },
    { currency: 'euro', amount: 1 },
    { currency: 'USD', amount: '12abc' },
    { currency: 'USD', amount: 'x' },
    { currency: 'USD' },
    '{"amount":1,"currency":"USD"}',
  ],
  interactive: [undefined, undefined, true, false, 'no'],
  hashMode: [undefined, undefined, true, false],
}

function eventGenerator(seed: number): () => CheckedEvent {
  const random = seededRandom(seed)
  const pick = (list: unknown[]): unknown => list[Math.floor(random() * list.length)]
  return () => {
    const event: Record<string, unknown> = {}
    for (const [field, list] of Object.entries(choices)) {
      const value = pick(list)
      if (value !== undefined) event[field] = value
    }
    return event
  }
}

let cloud: RunningSandbox
let ce: RunningSandbox
beforeAll(async () => {
  ;[cloud, ce] = await Promise.all([
    startSandbox({ port: 0, clock: () => now, mode: 'cloud' }),
    startSandbox({ port: 0, clock: () => now, mode: 'ce' }),
  ])
})
afterAll(async () => {
  await Promise.all([cloud?.close(), ce?.close()])
})

async function send(
  sandbox: RunningSandbox,
  body: unknown,
): Promise<{ status: number; errors?: Record<string, string[]> }> {
  const response = await fetch(`${sandbox.baseUrl}/api/event`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'user-agent': browser },
    body: JSON.stringify(body),
  })
  const text = await response.text()
  return response.status === 400
    ? { status: 400, errors: (JSON.parse(text) as { errors: Record<string, string[]> }).errors }
    : { status: response.status }
}

const sentPropKeys = (props: unknown): string[] => {
  let value = props
  if (typeof value === 'string') value = JSON.parse(value) as unknown
  return typeof value === 'object' && value !== null ? Object.keys(value) : []
}

async function runMode(mode: 'cloud' | 'ce', seed: number) {
  const sandbox = mode === 'cloud' ? cloud : ce
  const next = eventGenerator(seed)
  const tally = {
    refused: 0,
    accepted: 0,
    dropped: 0,
    serverFields: new Set<string>(),
    ours: new Set<string>(),
  }
  for (let i = 0; i < perMode; i++) {
    const event = next()
    const local = checkEvent(event)
    const storedBefore = sandbox.events().accepted
    const answer = await send(sandbox, eventWireBody(event))
    const label = `${mode} #${i}: ${JSON.stringify(event).slice(0, 400)}`
    expect([202, 400], label).toContain(answer.status)

    const extra = Object.keys(local).filter((field) => !answer.errors?.[field])
    for (const field of extra) {
      expect(ourFields.has(field), `${label}: ${field}`).toBe(true)
      tally.ours.add(field)
    }
    if (answer.errors) {
      tally.refused++
      for (const [field, messages] of Object.entries(answer.errors)) {
        expect(local[field], `${label}: ${field}`).toEqual(messages)
        tally.serverFields.add(field)
      }
      continue
    }
    // Taken: our url rule only for a scheme that is not http(s).
    if (local.url) {
      const scheme = parseElixirUri(event.url as string).scheme
      expect(scheme !== null && scheme !== 'http' && scheme !== 'https', label).toBe(true)
    }
    const stored = sandbox.events().accepted > storedBefore ? sandbox.acceptedEvents().at(-1)! : null
    if (!stored) {
      tally.dropped++
      continue
    }
    tally.accepted++
    // What the client passes arrives whole: every prop, and the revenue on plausible.io; where the client
    // names a loss, a prop is indeed missing.
    const missing = sentPropKeys(event.props).filter((key) => !(key in stored.props))
    expect(missing.length > 0, `${label}: missing ${JSON.stringify(missing)}`).toBe(local.props !== undefined)
    if (mode === 'cloud' && event.revenue !== undefined)
      expect(stored.revenue === null, label).toBe(local.revenue !== undefined)
  }
  return tally
}

describe('the local check and the sandbox agree on generated events', () => {
  for (const [mode, seed] of [
    ['cloud', 15_501],
    ['ce', 15_502],
  ] as const) {
    it(`${mode}: ${perMode} events`, async () => {
      const tally = await runMode(mode, seed)
      // The generator reaches every field the server names and every rule of ours, both ways.
      expect([...tally.serverFields].sort()).toEqual([
        'domain',
        'event_name',
        'hostname',
        'pathname',
        'props',
        'url',
      ])
      expect([...tally.ours].sort()).toEqual(['props', 'revenue', 'url'])
      expect(Math.min(tally.refused, tally.accepted, tally.dropped), JSON.stringify(tally)).toBeGreaterThan(
        50,
      )
    }, 120_000)
  }
})
