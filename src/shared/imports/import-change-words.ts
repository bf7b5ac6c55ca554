// How the window words a run's comparison with the previous run of the same source: only the counts that
// changed, then the names that appeared, vanished or moved. Pure, so the words are unit-tested.
import type { ImportComparison } from './import-comparison'

const countLabels: Record<keyof ImportComparison['counts'], string> = {
  linesRead: 'lines read',
  accepted: 'accepted',
  droppedByServer: 'dropped by the server',
  failed: 'failed',
  refused: 'refused',
  repeatsSkipped: 'repeats skipped',
  possiblyRepeated: 'possibly repeated',
}

const signed = (change: number): string => (change > 0 ? `+${change}` : String(change))

/** One phrase per change, e.g. `accepted 3 → 0 (-3)`; empty when the run read the same as the one before. */
export function comparisonPhrases(comparison: ImportComparison): string[] {
  const counts = (Object.keys(countLabels) as Array<keyof ImportComparison['counts']>)
    .filter((field) => comparison.counts[field].change !== 0)
    .map((field) => {
      const { before, after, change } = comparison.counts[field]
      return `${countLabels[field]} ${before} → ${after} (${signed(change)})`
    })
  const names = [
    ...(comparison.newNames.length ? [`new names: ${comparison.newNames.join(', ')}`] : []),
    ...(comparison.vanishedNames.length ? [`vanished names: ${comparison.vanishedNames.join(', ')}`] : []),
    ...comparison.names
      .filter(
        (entry) =>
          !comparison.newNames.includes(entry.name) && !comparison.vanishedNames.includes(entry.name),
      )
      .map((entry) => `${entry.name} ${entry.before} → ${entry.after} (${signed(entry.change)})`),
  ]
  return [...counts, ...names]
}
