import { describe, expect, it } from 'vitest'
import {
  errorFromResponse,
  fieldErrorsOf,
  isMissingRoute,
  retryAfterMs,
  serverMessageOf,
} from '../../../../src/core/api/errors'

const json = (error: string): string => JSON.stringify({ error })

describe('errorFromResponse', () => {
  it('tells a missing key from a refused one (plausible-api.md §2)', () => {
    expect(
      errorFromResponse(401, json('Missing API key. Please use a valid Plausible API key as a Bearer Token.'))
        .code,
    ).toBe('AUTH_MISSING')
    const refused = errorFromResponse(
      401,
      json(
        "Invalid API key or site ID. Please make sure you're using a valid API key with access to the site you've requested.",
      ),
    )
    expect(refused.code).toBe('AUTH_INVALID')
    expect(refused.message).toContain('Server said: Invalid API key or site ID.')
    expect(refused.details).toEqual({
      status: 401,
      serverMessage:
        "Invalid API key or site ID. Please make sure you're using a valid API key with access to the site you've requested.",
    })
  })

  describe('a 401 for a named site (an unknown site answers like a bad key, §2)', () => {
    const invalid = json(
      "Invalid API key or site ID. Please make sure you're using a valid API key with access to the site you've requested.",
    )
    const listHint =
      'Run `plausible sites list` to see the sites this key can see: if it lists sites, check the spelling of nope.example.com; if it fails too, the key is refused (compare it with Settings → API Keys in Plausible).'
    const sites = (count: number) =>
      Array.from({ length: count }, (_, index) => `site${index + 1}.example.com`)

    it('says both causes and how to tell them apart', () => {
      const error = errorFromResponse(401, invalid, { surface: 'stats-v2', site: 'nope.example.com' })
      expect([error.code, error.message, error.hint]).toEqual([
        'AUTH_INVALID',
        "The server refused the request for nope.example.com: either the API key is refused, or this key cannot see site nope.example.com (Plausible answers both with 401). Server said: Invalid API key or site ID. Please make sure you're using a valid API key with access to the site you've requested.",
        listHint,
      ])
    })

    it('names up to five of the sites this key listed, then "…"', () => {
      const five = errorFromResponse(401, invalid, { site: 'nope.example.com', knownSites: sites(5) })
      expect(five.hint).toBe(
        `${listHint} This key can see: site1.example.com, site2.example.com, site3.example.com, site4.example.com, site5.example.com.`,
      )
      const six = errorFromResponse(401, invalid, { site: 'nope.example.com', knownSites: sites(6) })
      expect(six.hint).toBe(
        `${listHint} This key can see: site1.example.com, site2.example.com, site3.example.com, site4.example.com, site5.example.com, ….`,
      )
      const none = errorFromResponse(401, invalid, { site: 'nope.example.com', knownSites: [] })
      expect(none.hint).toBe(listHint)
    })

    it('blames the key when the site is one this key listed', () => {
      const error = errorFromResponse(401, invalid, {
        site: 'site2.example.com',
        knownSites: sites(3),
      })
      expect(error.hint).toContain(
        ' This key listed site2.example.com before, so the key itself is the likelier cause.',
      )
    })

    it('keeps the missing-key and scope answers, and the plain refusal without a site', () => {
      const missing = json('Missing API key. Please use a valid Plausible API key as a Bearer Token.')
      expect(errorFromResponse(401, missing, { site: 'a.com' }).code).toBe('AUTH_MISSING')
      expect(
        errorFromResponse(401, json('Invalid API key.'), { surface: 'sites', isWrite: true, site: 'a.com' })
          .code,
      ).toBe('SCOPE_REQUIRED')
      expect(errorFromResponse(401, invalid, { surface: 'stats-v2' }).message).toBe(
        "The API key or site ID was refused. Server said: Invalid API key or site ID. Please make sure you're using a valid API key with access to the site you've requested.",
      )
    })
  })

  it('maps 402, 404, 429, 400 and 5xx to their codes with the server text', () => {
    expect(
      errorFromResponse(402, json('This Plausible site is locked due to missing active subscription.')).code,
    ).toBe('PLAN_REQUIRED')
    expect(
      errorFromResponse(404, JSON.stringify({ status: 404, message: 'Not Found' })).details?.serverMessage,
    ).toBe('Not Found')
    const limited = errorFromResponse(
      429,
      json(
        'Too many API requests. Your API key is limited to 600 requests per hour. Please contact us to request more capacity.',
      ),
    )
    expect(limited.code).toBe('RATE_LIMITED')
    expect(limited.message).toContain('limited to 600 requests per hour')
    const invalid = errorFromResponse(400, json('#/metrics/0: Invalid metric "baa"'))
    expect(invalid.code).toBe('QUERY_INVALID')
    expect(invalid.message).toBe('#/metrics/0: Invalid metric "baa"')
    expect(errorFromResponse(503, '<html>Bad gateway</html>').code).toBe('SERVER_ERROR')
  })

  it('reads the Events API field errors and plain-text bodies', () => {
    expect(serverMessageOf(JSON.stringify({ errors: { url: ['is required'] } }))).toBe(
      '{"url":["is required"]}',
    )
    expect(serverMessageOf('  upstream\n timed   out ')).toBe('upstream timed out')
    expect(serverMessageOf('')).toBeUndefined()
  })
})

describe('errors for people (issue 3 item 7)', () => {
  const now = Date.parse('2026-11-23T14:37:12Z')

  it('says when the hour resets: the top of the next UTC hour, exactly', () => {
    const limited = errorFromResponse(
      429,
      json(
        'Too many API requests. Your API key is limited to 600 requests per hour. Please contact us to request more capacity.',
      ),
      { now },
    )
    expect(limited.details?.resetsAt).toBe('2026-11-23T15:00:00.000Z')
    expect(limited.message).toMatch(
      /^The server refused the request: this key used up its hourly API budget until 15:00 UTC\. Server said: Too many/,
    )
    expect(limited.hint).toBe(
      "Wait until 15:00 UTC (2026-11-23T15:00:00.000Z), the top of the next hour, when the server's counter resets.",
    )
  })

  it('names the plan a 402 needs: Business for the Stats API, Enterprise for the Sites API', () => {
    const stats = errorFromResponse(
      402,
      json(
        "The account that owns this API key does not have access to Stats API. Please make sure you're using the API key of a subscriber account and that the subscription plan includes Stats API",
      ),
      { surface: 'stats-v2' },
    )
    expect(stats.message).toMatch(/^This key's plan does not include the Stats API\./)
    expect(stats.hint).toContain('Business plan')
    const sites = errorFromResponse(402, json('API key does not have access to Sites API'), {
      surface: 'sites',
    })
    expect(sites.message).toMatch(/^This key's plan does not include the Sites API\./)
    expect(sites.hint).toContain('Enterprise plan')
    const locked = errorFromResponse(
      402,
      json(
        'This Plausible site is locked due to missing active subscription. In order to access it, the site owner should subscribe to a suitable plan',
      ),
    )
    expect(locked.message).toMatch(/^This site is locked/)
  })

  it('tells where to check a refused key', () => {
    const refused = errorFromResponse(
      401,
      json(
        "Invalid API key or site ID. Please make sure you're using a valid API key with access to the site you've requested.",
      ),
    )
    expect(refused.hint).toContain('Settings → API Keys')
  })

  it('calls a refused Sites API write a missing sites:provision scope', () => {
    const error = errorFromResponse(
      401,
      json(
        "Invalid API key. Please make sure you're using a valid API key with access to the resource you've requested.",
      ),
      { surface: 'sites', isWrite: true },
    )
    expect(error.code).toBe('SCOPE_REQUIRED')
    expect(error.message).toMatch(/lacks the `sites:provision` scope/)
    expect(errorFromResponse(401, json('Invalid API key.'), { surface: 'sites' }).code).toBe('AUTH_INVALID')
  })

  it('tells a missing route (no Sites API on CE) from a missing resource', () => {
    const ce = errorFromResponse(404, JSON.stringify({ status: 404, message: 'Not Found' }), {
      surface: 'sites',
    })
    expect(ce.code).toBe('NOT_SUPPORTED')
    expect(ce.message).toBe('This server has no Sites API (self-hosted Plausible CE removed it in v2.1).')
    const site = errorFromResponse(404, json('Site could not be found'), { surface: 'sites' })
    expect(site.code).toBe('NOT_FOUND')
    expect(site.message).toBe('The server has no such resource. Server said: Site could not be found')
    expect(isMissingRoute(404, '<html>nginx</html>')).toBe(true)
    expect(isMissingRoute(404, json('Goal could not be found'))).toBe(false)
  })

  it('carries Events API field errors field by field', () => {
    const error = errorFromResponse(
      400,
      JSON.stringify({ errors: { url: ['is required'], domain: ["can't be blank"] } }),
      {
        surface: 'events',
      },
    )
    expect(error.code).toBe('EVENT_INVALID')
    expect(error.details?.fieldErrors).toEqual({ url: ['is required'], domain: ["can't be blank"] })
    expect(error.message).toBe("The Events API rejected the event: url: is required; domain: can't be blank.")
    expect(fieldErrorsOf('ok')).toBeUndefined()
  })
})

describe('retryAfterMs', () => {
  it('reads seconds and HTTP dates, and nothing from a missing header (Plausible sends none)', () => {
    const now = Date.parse('2026-11-23T10:00:00Z')
    expect(retryAfterMs('120', now)).toBe(120_000)
    expect(retryAfterMs('Mon, 23 Nov 2026 10:05:00 GMT', now)).toBe(300_000)
    expect(retryAfterMs(null, now)).toBeUndefined()
    expect(retryAfterMs('soon', now)).toBeUndefined()
  })
})
