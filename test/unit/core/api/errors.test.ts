import { describe, expect, it } from 'vitest'
import { errorFromResponse, retryAfterMs, serverMessageOf } from '../../../../src/core/api/errors'

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

describe('retryAfterMs', () => {
  it('reads seconds and HTTP dates, and nothing from a missing header (Plausible sends none)', () => {
    const now = Date.parse('2026-11-23T10:00:00Z')
    expect(retryAfterMs('120', now)).toBe(120_000)
    expect(retryAfterMs('Mon, 23 Nov 2026 10:05:00 GMT', now)).toBe(300_000)
    expect(retryAfterMs(null, now)).toBeUndefined()
    expect(retryAfterMs('soon', now)).toBeUndefined()
  })
})
