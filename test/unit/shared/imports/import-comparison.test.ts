import { describe, expect, it } from 'vitest'
import {
  compareHistory,
  compareImports,
  previousImportOf,
} from '../../../../src/shared/imports/import-comparison'
import type { ImportRecord } from '../../../../src/shared/imports/import-record'

function run(id: string, path: string, fields: Partial<ImportRecord> = {}): ImportRecord {
  return {
    id,
    source: { path, digest: '0123456789abcdef', format: 'ndjson' },
    account: 'work',
    startedAt: '2025-01-01T00:00:00.000Z',
    finishedAt: '2025-01-01T00:00:01.000Z',
    linesRead: 0,
    accepted: 0,
    droppedByServer: 0,
    failed: 0,
    refused: {},
    repeatsSkipped: 0,
    possiblyRepeated: 0,
    names: {},
    ...fields,
  }
}

describe('compareImports', () => {
  it('sets each count, the refused total, and each changed name against the previous run', () => {
    const before = run('imp-1', '/a', {
      linesRead: 10,
      accepted: 8,
      refused: { 'not JSON': 1, 'url: is required': 1 },
      names: { pageview: 6, Signup: 2, Gone: 1 },
    })
    const after = run('imp-2', '/a', {
      linesRead: 12,
      accepted: 2,
      droppedByServer: 1,
      repeatsSkipped: 8,
      refused: { 'not JSON': 1 },
      names: { pageview: 6, Signup: 4, Fresh: 1 },
    })
    expect(compareImports(before, after)).toEqual({
      previousId: 'imp-1',
      counts: {
        linesRead: { before: 10, after: 12, change: 2 },
        accepted: { before: 8, after: 2, change: -6 },
        droppedByServer: { before: 0, after: 1, change: 1 },
        failed: { before: 0, after: 0, change: 0 },
        refused: { before: 2, after: 1, change: -1 },
        repeatsSkipped: { before: 0, after: 8, change: 8 },
        possiblyRepeated: { before: 0, after: 0, change: 0 },
      },
      newNames: ['Fresh'],
      vanishedNames: ['Gone'],
      names: [
        { name: 'Fresh', before: 0, after: 1, change: 1 },
        { name: 'Gone', before: 1, after: 0, change: -1 },
        { name: 'Signup', before: 2, after: 4, change: 2 },
      ],
    })
  })
})

describe('previousImportOf', () => {
  const history = [run('imp-3', '/a'), run('imp-1', '/a'), run('imp-2', '/b'), run('imp-4', '/a')]
  it('is the latest earlier run of the same source path, whatever the order of the history', () => {
    expect(previousImportOf(history, history[3]!)?.id).toBe('imp-3')
    expect(previousImportOf(history, history[0]!)?.id).toBe('imp-1')
  })
  it('is null for the first run of a source', () => {
    expect(previousImportOf(history, history[1]!)).toBeNull()
    expect(previousImportOf(history, history[2]!)).toBeNull()
  })
  it('lists the history newest first, each run with its comparison', () => {
    expect(compareHistory(history).map((entry) => [entry.id, entry.comparison?.previousId ?? null])).toEqual([
      ['imp-4', 'imp-3'],
      ['imp-3', 'imp-1'],
      ['imp-2', null],
      ['imp-1', null],
    ])
  })
})
