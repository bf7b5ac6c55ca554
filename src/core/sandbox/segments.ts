// Saved segments, as the real server keeps and uses them (plausible/analytics lib/plausible/segments):
// each belongs to one site, is `personal` (its owner's) or `site` (the whole team's), and holds a list of
// filters. A v2 query may name any segment of its site by id, whatever its type or owner
// (Segments.get_many matches the site and the ids only); the query then runs on the segment's filters
// (Segments.Filters.resolve_segments: one id → its filters ANDed; several → an OR of each one's AND).
// Listing, creating, editing and deleting segments are the dashboard's `/api/:domain/segments` routes,
// which sit behind a browser session and never see an API key: see routes/segments.ts.
import type { FilterNode } from './filters'

export interface SandboxSegment {
  /** Ids are global, as the server's table's. */
  id: number
  name: string
  type: 'personal' | 'site'
  /** The user who saved it; personal segments are visible to their owner alone in the dashboard. */
  ownerId: number
  segmentData: { filters: readonly unknown[]; labels?: Record<string, string> }
}

/** The Demo's users: the key's owner (1) and a colleague (2) whose personal segment the key can still apply. */
export const sandboxUsers = { keyOwner: 1, colleague: 2 } as const

/** Seeded per seeded site, by the domain of its traffic profile (a renamed site keeps its segments). */
const seeded: Record<string, readonly SandboxSegment[]> = {
  'shop.example.com': [
    {
      id: 11,
      name: 'German visitors',
      type: 'site',
      ownerId: sandboxUsers.keyOwner,
      segmentData: { filters: [['is', 'visit:country', ['DE']]], labels: { DE: 'Germany' } },
    },
    {
      id: 12,
      name: 'Search on mobile',
      type: 'personal',
      ownerId: sandboxUsers.colleague,
      segmentData: {
        filters: [
          ['is', 'visit:channel', ['Organic Search']],
          ['is', 'visit:device', ['Mobile']],
        ],
      },
    },
    {
      id: 13,
      name: 'Never signed up',
      type: 'personal',
      ownerId: sandboxUsers.keyOwner,
      segmentData: { filters: [['has_not_done', ['is', 'event:goal', ['Signup']]]] },
    },
  ],
  'blog.example.org': [
    {
      id: 21,
      name: 'Hacker News readers',
      type: 'site',
      ownerId: sandboxUsers.keyOwner,
      segmentData: { filters: [['is', 'visit:source', ['Hacker News']]] },
    },
  ],
}

/** A site's segments; sites created over the Sites API start with none. */
export function segmentsOf(site: { profile: { domain: string } | null }): readonly SandboxSegment[] {
  return site.profile ? (seeded[site.profile.domain] ?? []) : []
}

/** id → the segment's filters, what a query on the site may resolve. */
export function segmentFilters(segments: readonly SandboxSegment[]): ReadonlyMap<number, readonly unknown[]> {
  return new Map(segments.map((segment) => [segment.id, segment.segmentData.filters]))
}

/**
 * `["is", "segment", ids]` as the engine's tree: one id is its filters ANDed, several an OR of those ANDs.
 * The ids were checked against the site before (the query rules refuse an unknown one).
 */
export function resolveSegmentLeaf(
  ids: readonly unknown[],
  segments: ReadonlyMap<number, readonly unknown[]>,
  toNode: (filter: readonly unknown[]) => FilterNode,
): FilterNode {
  const ands: FilterNode[] = ids.map((id) => ({
    kind: 'and',
    children: (segments.get(Number(id)) ?? []).map((filter) => toNode(filter as readonly unknown[])),
  }))
  return ands.length === 1 ? ands[0]! : { kind: 'or', children: ands }
}
