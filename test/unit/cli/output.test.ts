import { describe, expect, it } from 'vitest'
import { formatOf, renderTable, reportError, useColor } from '../../../src/cli/output'
import { PlausibleError } from '../../../src/shared/errors'

function sink(isTTY = false): NodeJS.WritableStream & { isTTY: boolean; text: string } {
  const stream = { isTTY, text: '', write: (chunk: string) => ((stream.text += chunk), true) }
  return stream as never
}

describe('output', () => {
  it('aligns tables and right-aligns numeric columns', () => {
    expect(
      renderTable(
        ['metric', 'value'],
        [
          ['visitors', 1234],
          ['bounce_rate', 45],
        ],
      ),
    ).toBe('metric       value\nvisitors      1234\nbounce_rate     45\n')
  })

  it('reports errors as JSON for every machine format, --compact alone included', () => {
    expect(formatOf({})).toBe('table')
    expect(formatOf({ format: 'table' })).toBe('table')
    expect(formatOf({ compact: true })).toBe('json')
    expect(formatOf({ json: true })).toBe('json')
    expect(formatOf({ format: 'csv' })).toBe('json')
  })

  it('uses colour only on a TTY without NO_COLOR', () => {
    expect(useColor({ env: {} }, { isTTY: true })).toBe(true)
    expect(useColor({ env: { NO_COLOR: '' } }, { isTTY: true })).toBe(false)
    expect(useColor({ env: {} }, { isTTY: false })).toBe(false)
  })

  it('prints message and hint and returns the documented exit code', () => {
    const stderr = sink()
    const code = reportError(
      { stderr, env: {} },
      new PlausibleError('BUDGET_EXHAUSTED', { details: { resetsAt: '2026-11-23T11:00:00.000Z' } }),
      'table',
    )
    expect(code).toBe(5)
    expect(stderr.text).toBe(
      'error: This account has no API budget left this hour.\nhint: Wait for the reset, or raise the account limit if the server allows more.\n',
    )
  })

  it('prints one JSON error for machines', () => {
    const stderr = sink()
    expect(
      reportError(
        { stderr, env: {} },
        new PlausibleError('NETWORK', { message: 'Could not reach x.' }),
        'json',
      ),
    ).toBe(7)
    expect(JSON.parse(stderr.text)).toEqual({
      error: {
        code: 'NETWORK',
        message: 'Could not reach x.',
        hint: 'Check the network and the base URL of the account.',
      },
    })
  })
})
