// Under the main graph: the site's annotations dated within the period (each with a remove button), a
// form to mark a deploy, a campaign or a note on a date, and the site's annotations as CSV or JSON. They
// are kept by the core on this machine and cost no request.
import { useState } from 'react'
import {
  annotationKinds,
  annotationsCsv,
  annotationsInRange,
  annotationsJson,
  type AnnotationKind,
} from '../../../../shared/annotations/annotation'
import { isIsoDate, type IsoDate } from '../../../../shared/stats/calendar'
import { useAddAnnotation, useAnnotations, useRemoveAnnotation } from '../../api/annotation-queries'
import type { SiteRef } from '../../api/queries'
import { InlineForm, TextField } from '../inline-form'
import { downloadText } from '../../download'

export interface GraphAnnotationsProps {
  site: SiteRef
  /** The period's days (null: open on that side, as all time is). */
  first: IsoDate | null
  last: IsoDate | null
  today: IsoDate
}

export function GraphAnnotations({ site, first, last, today }: GraphAnnotationsProps): React.JSX.Element {
  const annotations = useAnnotations(site)
  const remove = useRemoveAnnotation()
  const [adding, setAdding] = useState(false)
  const all = annotations.data?.annotations ?? []
  const shown = annotationsInRange(all, first, last ?? today)
  return (
    <section className="graph-annotations" data-testid="graph-annotations" aria-label="Annotations">
      <div className="graph-annotations__head">
        <h2 className="graph-annotations__title">
          Annotations <span className="graph-annotations__count">({shown.length} in this period)</span>
        </h2>
        <button
          type="button"
          className="link-button"
          data-testid="annotation-new"
          aria-expanded={adding}
          onClick={() => setAdding(!adding)}
        >
          {adding ? 'Cancel' : 'Add'}
        </button>
        <button
          type="button"
          className="link-button"
          data-testid="annotations-export-csv"
          disabled={all.length === 0}
          onClick={() => downloadText(`${site.domain}-annotations.csv`, annotationsCsv(all), 'text/csv')}
        >
          Export CSV
        </button>
        <button
          type="button"
          className="link-button"
          data-testid="annotations-export-json"
          disabled={all.length === 0}
          onClick={() =>
            downloadText(`${site.domain}-annotations.json`, annotationsJson(all), 'application/json')
          }
        >
          Export JSON
        </button>
        <span className="graph-annotations__hint">Kept on this machine only.</span>
      </div>
      {shown.length > 0 ? (
        <ul className="graph-annotations__list">
          {shown.map((entry) => (
            <li
              key={entry.id}
              data-testid="annotation"
              data-id={entry.id}
              data-date={entry.date}
              data-kind={entry.kind}
            >
              <span className="graph-annotations__marker" aria-hidden="true" />
              <span className="graph-annotations__date">{entry.date}</span>
              <span className="graph-annotations__kind">{entry.kind}</span>
              <span className="graph-annotations__text">{entry.text}</span>
              <button
                type="button"
                className="link-button"
                data-testid="annotation-remove"
                aria-label={`Remove the annotation of ${entry.date}: ${entry.text}`}
                disabled={remove.isPending}
                onClick={() => remove.mutate({ id: entry.id })}
              >
                Remove
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      {adding ? (
        <AddAnnotation
          site={site}
          defaultDate={last !== null && last < today ? last : today}
          onDone={() => setAdding(false)}
        />
      ) : null}
    </section>
  )
}

function AddAnnotation({
  site,
  defaultDate,
  onDone,
}: {
  site: SiteRef
  defaultDate: IsoDate
  onDone: () => void
}): React.JSX.Element {
  const add = useAddAnnotation()
  const [date, setDate] = useState(defaultDate)
  const [kind, setKind] = useState<AnnotationKind>('deploy')
  const [text, setText] = useState('')
  // Checked here first, in the same words as the core, so nothing is sent that cannot be kept.
  const problem = isIsoDate(date) ? null : 'Date: use a calendar date as YYYY-MM-DD, for example 2026-12-07.'
  return (
    <InlineForm
      testId="annotation-form"
      submitTestId="annotation-save"
      submitLabel="Save annotation"
      pendingLabel="Saving…"
      isPending={add.isPending}
      isBlocked={text.trim() === '' || problem !== null}
      error={add.error}
      problem={problem}
      problemTestId="annotation-problem"
      onSubmit={() =>
        add.mutate(
          { account: site.account, site: site.domain, date, kind, text: text.trim() },
          { onSuccess: onDone },
        )
      }
    >
      <label className="field">
        Date
        <input
          type="date"
          data-testid="annotation-date"
          value={date}
          onChange={(e) => setDate(e.target.value)}
        />
      </label>
      <label className="field field--narrow">
        Kind
        <select
          data-testid="annotation-kind"
          value={kind}
          onChange={(e) => setKind(e.target.value as AnnotationKind)}
        >
          {annotationKinds.map((option) => (
            <option key={option} value={option}>
              {option}
            </option>
          ))}
        </select>
      </label>
      <TextField
        label="What happened"
        testId="annotation-text"
        value={text}
        onChange={setText}
        placeholder="v2.3 released"
      />
    </InlineForm>
  )
}
