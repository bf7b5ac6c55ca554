// Saved segments, picked by name: the list kept for this site on this computer, applied with one click
// (every panel, the top stats and the graph then ask with ["is", "segment", [id]]). An API key can apply
// a segment but not list, create, edit or delete one (see shared/stats/segment-book.ts), so a segment
// is added here by its id and a name, after one request has checked that the server knows the id.
import { useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { useApi } from '../api/client'
import { statsQueryOptions, type SiteRef } from '../api/queries'
import {
  forgetSegment,
  saveSegment,
  segmentEntry,
  type SavedSegment,
} from '../../../shared/stats/segment-book'
import { FailureNote } from './failure-note'
import { Popover } from './popover'

export interface SegmentMenuProps {
  site: SiteRef
  segments: readonly SavedSegment[]
  onChange: (segments: SavedSegment[]) => void
  onApply: (segment: SavedSegment) => void
}

export function SegmentMenu({ site, segments, onChange, onApply }: SegmentMenuProps): React.JSX.Element {
  return (
    <Popover
      label="Segments"
      testId="segments-button"
      buttonClassName="picker-button"
      title="Saved segments, by name"
    >
      {(close) => (
        <div className="segment-menu" data-testid="segment-menu">
          <h2 className="segment-menu__title">Saved segments</h2>
          {segments.length === 0 ? (
            <p className="segment-menu__empty">None saved for this site yet.</p>
          ) : (
            <ul className="segment-menu__list" aria-label="Saved segments">
              {segments.map((segment) => (
                <li key={segment.id} className="segment-menu__item">
                  <button
                    type="button"
                    className="link-button"
                    data-testid="segment-apply"
                    data-segment-id={segment.id}
                    onClick={() => {
                      onApply(segment)
                      close()
                    }}
                  >
                    {segment.name}
                  </button>
                  <span className="segment-menu__id">#{segment.id}</span>
                  <button
                    type="button"
                    className="chip__remove"
                    aria-label={`Forget segment ${segment.name} on this computer`}
                    data-testid="segment-forget"
                    onClick={() => onChange(forgetSegment(segments, segment.id))}
                  >
                    ×
                  </button>
                </li>
              ))}
            </ul>
          )}
          <AddSegmentForm site={site} onSave={(segment) => onChange(saveSegment(segments, segment))} />
          <p className="segment-menu__note" data-testid="segment-note">
            Plausible lets an API key apply a saved segment, but not list, create, edit or delete one: those
            need a signed-in browser on plausible.io and Community Edition alike. Copy a segment’s id from the
            web dashboard’s address (its filter reads <code>segment,</code> then the id); the names here stay
            on this computer. Saving an id again renames it.
          </p>
        </div>
      )}
    </Popover>
  )
}

function AddSegmentForm({
  site,
  onSave,
}: {
  site: SiteRef
  onSave: (segment: SavedSegment) => void
}): React.JSX.Element {
  const api = useApi()
  const queryClient = useQueryClient()
  const [idText, setIdText] = useState('')
  const [name, setName] = useState('')
  const [problem, setProblem] = useState<string | null>(null)
  const [failure, setFailure] = useState<Error | null>(null)
  const [isChecking, setChecking] = useState(false)
  const submit = async (): Promise<void> => {
    setFailure(null)
    const entry = segmentEntry(idText, name)
    if (!entry.ok) {
      setProblem(entry.problem)
      return
    }
    setProblem(null)
    setChecking(true)
    try {
      // One request: today's visitors in the segment. The server refuses an id it has not got for this site.
      await queryClient.fetchQuery(
        statsQueryOptions(
          api,
          {
            account: site.account,
            query: {
              site_id: site.domain,
              metrics: ['visitors'],
              date_range: 'day',
              filters: [['is', 'segment', [entry.segment.id]]],
            },
          },
          false,
        ),
      )
      onSave(entry.segment)
      setIdText('')
      setName('')
    } catch (error) {
      setFailure(error instanceof Error ? error : new Error(String(error)))
    } finally {
      setChecking(false)
    }
  }
  return (
    <form
      className="segment-menu__form form"
      aria-label="Add a saved segment"
      onSubmit={(event) => {
        event.preventDefault()
        void submit()
      }}
    >
      <label className="field">
        <span>Segment id</span>
        <input
          data-testid="segment-id"
          value={idText}
          placeholder="12, or the dashboard address"
          onChange={(event) => setIdText(event.target.value)}
        />
      </label>
      <label className="field">
        <span>Name</span>
        <input data-testid="segment-name" value={name} onChange={(event) => setName(event.target.value)} />
      </label>
      {problem ? (
        <p className="failure-note__message" role="alert" data-testid="segment-problem">
          {problem}
        </p>
      ) : null}
      <FailureNote error={failure} testId="segment-error" />
      <button type="submit" className="button" data-testid="segment-save" disabled={isChecking}>
        {isChecking ? 'Checking…' : 'Check and save (1 request)'}
      </button>
    </form>
  )
}
