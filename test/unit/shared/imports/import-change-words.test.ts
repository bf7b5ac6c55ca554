import { describe, expect, it } from 'vitest'
import type { ImportComparison } from '../../../../src/shared/imports/import-comparison'
import { comparisonPhrases } from '../../../../src/shared/imports/import-change-words'

const same = { before: 3, after: 3, change: 0 }
const comparison = (overrides: Partial<ImportComparison> = {}): ImportComparison => ({
  previousId: 'imp-1',
  counts: {
    linesRead: same,
    accepted: { before: 3, after: 0, change: -3 },
    droppedByServer: { before: 0, after: 0, change: 0 },
    failed: { before: 0, after: 0, change: 0 },
    refused: { before: 1, after: 1, change: 0 },
    repeatsSkipped: { before: 0, after: 3, change: 3 },
    possiblyRepeated: { before: 0, after: 0, change: 0 },
  },
  newNames: [],
  vanishedNames: [],
  names: [],
  ...overrides,
})

describe('comparisonPhrases', () => {
  it('words only the counts that changed, signed', () => {
    expect(comparisonPhrases(comparison())).toEqual(['accepted 3 → 0 (-3)', 'repeats skipped 0 → 3 (+3)'])
  })

  it('names new and vanished names once, and the change of the names both runs read', () => {
    const names = [
      { name: 'Signup', before: 0, after: 2, change: 2 },
      { name: 'Old', before: 1, after: 0, change: -1 },
      { name: 'pageview', before: 4, after: 1, change: -3 },
    ]
    expect(
      comparisonPhrases(
        comparison({
          counts: { ...comparison().counts, accepted: same, repeatsSkipped: same },
          newNames: ['Signup'],
          vanishedNames: ['Old'],
          names,
        }),
      ),
    ).toEqual(['new names: Signup', 'vanished names: Old', 'pageview 4 → 1 (-3)'])
  })

  it('is empty for a run that read the same as the one before', () => {
    const counts = comparison().counts
    expect(
      comparisonPhrases(comparison({ counts: { ...counts, accepted: same, repeatsSkipped: same } })),
    ).toEqual([])
  })
})
