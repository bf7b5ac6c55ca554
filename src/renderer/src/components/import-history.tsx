// The events screen's import history: every `events import` run (CLI or window), newest first, each with
// what changed since the previous run of the same source (issue 18).
import type { ComparedImport } from '../../../shared/imports/import-comparison'
import { comparisonPhrases } from '../../../shared/imports/import-change-words'
import { refusedTotal } from '../../../shared/imports/import-record'
import { useImportHistory } from '../api/import-queries'
import { FailureNote } from './failure-note'

export function ImportHistory(): React.JSX.Element {
  const history = useImportHistory()
  const imports = history.data?.imports ?? []
  return (
    <section className="card" data-testid="import-history" aria-labelledby="import-history-title">
      <h2 id="import-history-title" className="card__title">
        Import history
      </h2>
      {history.error ? <FailureNote error={history.error} /> : null}
      {history.data && imports.length === 0 ? (
        <p className="card__intro">
          No import yet: each run of <code>plausible events import</code> is recorded here.
        </p>
      ) : null}
      {imports.length > 0 ? (
        <table className="data-table">
          <thead>
            <tr>
              <th>Started</th>
              <th>Source</th>
              <th className="num">Read</th>
              <th className="num">Accepted</th>
              <th className="num">Refused</th>
              <th className="num">Repeats skipped</th>
              <th>Since the run before</th>
            </tr>
          </thead>
          <tbody>
            {imports.map((entry) => (
              <ImportRow key={entry.id} entry={entry} />
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  )
}

function ImportRow({ entry }: { entry: ComparedImport }): React.JSX.Element {
  const phrases = entry.comparison ? comparisonPhrases(entry.comparison) : []
  return (
    <tr data-testid="import-run" data-id={entry.id} data-previous={entry.comparison?.previousId ?? ''}>
      <td>
        {entry.startedAt.slice(0, 19).replace('T', ' ')}
        {entry.finishedAt === null ? ' (never finished)' : ''}
      </td>
      <td className="cell--url" title={entry.source.digest ? `sha256 ${entry.source.digest}…` : undefined}>
        {entry.source.path} ({entry.source.format}, {entry.account})
      </td>
      <td className="num">{entry.linesRead}</td>
      <td className="num">{entry.accepted}</td>
      <td className="num">{refusedTotal(entry)}</td>
      <td className="num">{entry.repeatsSkipped}</td>
      <td data-testid="import-comparison">
        {!entry.comparison
          ? 'first run of this source'
          : phrases.length === 0
            ? 'the same as the run before'
            : phrases.join('; ')}
      </td>
    </tr>
  )
}
