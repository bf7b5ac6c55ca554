import { describe, expect, it } from 'vitest'
import { checkEvent, createEventsClient } from '../../../../src/core/api/events'
import { createTransport } from '../../../../src/core/api/transport'
import { PlausibleError } from '../../../../src/shared/errors'
import { fakeServer, type Answer } from './fake-server'

const eventsClient = (answer: Answer) => {
  const server = fakeServer({ 'POST /api/event': answer })
  return {
    client: createEventsClient(createTransport({ baseUrl: 'https://stats.example', fetch: server.fetch })),
    server,
  }
}

describe('checkEvent (§7 rules, before anything is sent)', () => {
  it('accepts a plain pageview and takes the domain from the url', () => {
    expect(checkEvent({ name: 'pageview', url: 'https://a.com/' })).toEqual({})
  })

  it('names each bad field in the server’s words (and what the server would drop in ours)', () => {
    expect(
      checkEvent({
        name: 'x'.repeat(121),
        url: 'data:text/html,hi',
        props: Object.fromEntries(Array.from({ length: 31 }, (_, i) => [`k${i}`, 'v'])),
      }),
    ).toEqual({
      domain: ["can't be blank"],
      event_name: ['should be at most 120 character(s)'],
      props: ['at most 30 properties are kept (this event has 31)'],
      url: ['scheme is not allowed'],
    })
    // An empty url is a url to the server (path /, no host): only the name and the domain are missing.
    expect(checkEvent({ name: '', url: '' })).toEqual({
      domain: ["can't be blank"],
      event_name: ["can't be blank"],
    })
    expect(checkEvent({ name: 'a', url: `https://a.com/${'é'.repeat(1000)}` }).url).toEqual([
      'must be a valid url',
    ])
    expect(checkEvent({ name: 'a', url: 'https://a.com', props: { list: [1] as never } }).props).toEqual([
      '"list" must be a string, number or boolean (lists and maps are dropped)',
    ])
  })
})

describe('events client', () => {
  it('reports 202 "ok" as accepted and sends no key, but the User-Agent and X-Forwarded-For', async () => {
    const { client, server } = eventsClient({ status: 202, text: 'ok' })
    const outcome = await client.send(
      { name: 'Signup', url: 'https://a.com/pricing', domain: 'a.com', props: { plan: 'pro' } },
      { userAgent: 'Mozilla/5.0 (X11; Linux x86_64) Firefox/130.0', forwardedFor: '203.0.113.7' },
    )
    expect(outcome).toEqual({ status: 'accepted' })
    const [request] = server.requests
    expect(request!.headers.authorization).toBeUndefined()
    expect(request!.headers['user-agent']).toBe('Mozilla/5.0 (X11; Linux x86_64) Firefox/130.0')
    expect(request!.headers['x-forwarded-for']).toBe('203.0.113.7')
    expect(request!.body).toEqual({
      name: 'Signup',
      url: 'https://a.com/pricing',
      domain: 'a.com',
      props: { plan: 'pro' },
    })
  })

  it('reports x-plausible-dropped as dropped, never as success', async () => {
    const { client } = eventsClient({ status: 202, text: 'ok', headers: { 'x-plausible-dropped': '2' } })
    expect(await client.send({ name: 'pageview', url: 'https://a.com/' })).toEqual({
      status: 'dropped',
      dropped: 2,
    })
  })

  it('throws EVENT_INVALID with the server field errors', async () => {
    const { client } = eventsClient({ status: 400, body: { errors: { event_name: ["can't be blank"] } } })
    const error = await client.send({ name: 'x', url: 'https://a.com/' }).catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(PlausibleError)
    expect((error as PlausibleError).code).toBe('EVENT_INVALID')
    expect((error as PlausibleError).details?.fieldErrors).toEqual({ event_name: ["can't be blank"] })
  })

  it('asks for a wait, not the next hour, on a 429: until its Retry-After, or a backoff without one', async () => {
    const now = Date.parse('2026-11-23T14:37:12Z')
    const refused = async (answer: Answer): Promise<PlausibleError> => {
      const server = fakeServer({ 'POST /api/event': answer })
      const client = createEventsClient(
        createTransport({ baseUrl: 'https://stats.example', fetch: server.fetch, now: () => now }),
      )
      return (await client
        .send({ name: 'pageview', url: 'https://a.com/' })
        .catch((caught: unknown) => caught)) as PlausibleError
    }
    const withWait = await refused({ status: 429, text: 'slow down', headers: { 'retry-after': '30' } })
    expect([withWait.code, withWait.details]).toEqual([
      'RATE_LIMITED',
      { status: 429, serverMessage: 'slow down', retryAt: '2026-11-23T14:37:42.000Z' },
    ])
    expect(withWait.message).toBe(
      'The server asked to slow down (HTTP 429) until 14:37:42 UTC. Server said: slow down',
    )
    const without = await refused({ status: 429, text: '' })
    expect([without.code, without.details]).toEqual(['RATE_LIMITED', { status: 429 }])
    expect(without.message).toBe('The server asked to slow down (HTTP 429).')
    const busy = await refused({ status: 503, text: '', headers: { 'retry-after': '5' } })
    expect([busy.code, busy.details]).toEqual([
      'SERVER_ERROR',
      { status: 503, retryAt: '2026-11-23T14:37:17.000Z' },
    ])
  })

  it('does not send an event that fails the local check', async () => {
    const { client, server } = eventsClient({ status: 202, text: 'ok' })
    const error = (await client
      .send({ name: 'x', url: 'data:text/plain,x', domain: 'a.com' })
      .catch((caught: unknown) => caught)) as PlausibleError
    expect(error.code).toBe('EVENT_INVALID')
    expect(error.message).toBe('The event was not sent: url: scheme is not allowed.')
    expect(server.requests).toHaveLength(0)
  })
})
