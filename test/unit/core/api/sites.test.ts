import { describe, expect, it } from 'vitest'
import { createSitesClient, customPropPath } from '../../../../src/core/api/sites'
import { createTransport } from '../../../../src/core/api/transport'
import { fakeServer } from './fake-server'

const meta = (after: string | null) => ({ after, before: null, limit: 2 })

describe('Sites API client', () => {
  it('walks cursor pages with a constant limit', async () => {
    const pages: Record<
      string,
      { sites: Array<{ domain: string; timezone: string }>; meta: ReturnType<typeof meta> }
    > = {
      '': {
        sites: [
          { domain: 'c.com', timezone: 'UTC' },
          { domain: 'b.com', timezone: 'UTC' },
        ],
        meta: meta('c1'),
      },
      c1: { sites: [{ domain: 'a.com', timezone: 'UTC' }], meta: meta(null) },
    }
    const server = fakeServer({
      'GET /api/v1/sites': (request) => ({ status: 200, body: pages[request.search.get('after') ?? '']! }),
    })
    const sites = createSitesClient(
      createTransport({ baseUrl: 'https://p.example', apiKey: 'k', fetch: server.fetch }),
    )
    expect((await sites.listAll({ pageSize: 2 })).map((site) => site.domain)).toEqual([
      'c.com',
      'b.com',
      'a.com',
    ])
    expect(server.requests.map((request) => request.search.toString())).toEqual([
      'limit=2',
      'limit=2&after=c1',
    ])
  })

  it('sends writes as JSON bodies and deletes with site_id in the query', async () => {
    const server = fakeServer({
      'PUT /api/v1/sites/goals': {
        status: 200,
        body: {
          id: 1,
          goal_type: 'event',
          event_name: 'Signup',
          page_path: null,
          display_name: 'Signup',
          custom_props: {},
          domain: 'a.com',
        },
      },
      'DELETE /api/v1/sites/custom-props/docs/path': { status: 200, body: { deleted: true } },
      'DELETE /api/v1/sites/guests/ann%2Bx%40a.com': { status: 200, body: { deleted: 'true' } },
    })
    const sites = createSitesClient(
      createTransport({ baseUrl: 'https://p.example', apiKey: 'k', fetch: server.fetch }),
    )
    await sites.goals.findOrCreate('a.com', { goalType: 'event', eventName: 'Signup' })
    expect(server.requests[0]!.body).toEqual({ site_id: 'a.com', goal_type: 'event', event_name: 'Signup' })
    expect(await sites.customProps.remove('a.com', 'docs/path')).toEqual({ deleted: true })
    expect(server.requests[1]!.search.get('site_id')).toBe('a.com')
    expect(await sites.guests.remove('a.com', 'ann+x@a.com')).toEqual({ deleted: true })
  })

  it('encodes a custom property with / segment by segment, and empty segments as %2F', () => {
    expect(customPropPath('author')).toBe('author')
    expect(customPropPath('docs/path name')).toBe('docs/path%20name')
    expect(customPropPath('/leading')).toBe('%2Fleading')
    expect(customPropPath('a//b')).toBe('a%2F%2Fb')
  })
})

describe('Sites API request schemas', () => {
  it('accept what §6 accepts and say what is missing', async () => {
    const { CreateSiteRequest, GoalRequest, GuestRequest, UpdateSiteRequest } =
      await import('../../../../src/core/api/sites')
    expect(CreateSiteRequest.safeParse({ domain: 'a.com', timezone: 'Europe/Berlin' }).success).toBe(true)
    expect(CreateSiteRequest.safeParse({ domain: '' }).error?.issues[0]?.message).toBe(
      "domain: can't be blank",
    )
    expect(UpdateSiteRequest.safeParse({}).error?.issues[0]?.message).toBe(
      "Payload must contain at least one of the parameters 'domain', 'tracker_script_configuration'",
    )
    expect(
      GoalRequest.safeParse({ site_id: 'a.com', goal_type: 'page', page_path: '/pricing' }).success,
    ).toBe(true)
    expect(GoalRequest.safeParse({ site_id: 'a.com', goal_type: 'event' }).success).toBe(false)
    expect(GuestRequest.safeParse({ site_id: 'a.com', email: 'x@a.com', role: 'owner' }).success).toBe(false)
  })
})
