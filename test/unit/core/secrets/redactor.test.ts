import { describe, expect, it } from 'vitest'
import { createSecretRedactor } from '../../../../src/core/secrets/redactor'
import { PlausibleError } from '../../../../src/shared/errors'

const key = 'redact-me-0123456789abcdefghijklmnopqrs'

describe('secret redactor', () => {
  it('masks a remembered key everywhere an error carries text', () => {
    const redactor = createSecretRedactor()
    redactor.remember(key)
    const error = new PlausibleError('SERVER_ERROR', {
      message: `failed for ${key}`,
      hint: `try ${key}`,
      details: { status: 502, serverMessage: `proxy saw ${key}` },
      cause: new Error(`raw ${key}`),
    })
    const redacted = redactor.redactError(error) as PlausibleError
    expect(redacted.message).toBe('failed for reda…pqrs')
    expect(redacted.hint).toBe('try reda…pqrs')
    expect(redacted.details?.serverMessage).toBe('proxy saw reda…pqrs')
    expect((redacted.cause as Error).message).toBe('raw reda…pqrs')
    expect(JSON.stringify(redacted.toWire()) + String(redacted.stack)).not.toContain(key)
    expect(redacted.code).toBe('SERVER_ERROR')
  })

  it('masks a Bearer token an echoing proxy returns, even one it was never told', () => {
    const redactor = createSecretRedactor()
    expect(redactor.redact('401: header was "Authorization: Bearer unknownTOKEN0123456789xyz"')).toBe(
      '401: header was "Authorization: Bearer unk…xyz"',
    )
    expect(redactor.redact('{"authorization":"unknownTOKEN0123456789xyz"}')).toBe(
      '{"authorization":"unk…xyz"}',
    )
  })

  it('leaves ordinary text alone', () => {
    const redactor = createSecretRedactor()
    redactor.remember('short')
    expect(redactor.redact('a short message about bearer bonds')).toBe('a short message about bearer bonds')
  })
})
