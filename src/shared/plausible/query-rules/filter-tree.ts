// Walks a filter list the schema accepted, as the server's Filters.traverse does: every leaf with how
// deep it stands (0 at the top level; each and/or/not/has_done/has_not_done adds one) and how many
// behavioural filters (has_done, has_not_done) hold it, plus its JSON pointer for our error detail.

export type RawFilter = readonly unknown[]

export interface FilterLeaf {
  filter: RawFilter
  operator: string
  dimension: string
  clauses: readonly unknown[]
  /** The 4th element, `{"case_sensitive": …}`, when given. */
  modifiers?: Record<string, unknown>
  depth: number
  behavioralDepth: number
  pointer: string
}

const behavioral = new Set(['has_done', 'has_not_done'])

export function filterLeaves(filters: readonly unknown[], pointer = '#/filters'): FilterLeaf[] {
  const leaves: FilterLeaf[] = []
  const walk = (node: unknown, at: string, depth: number, behavioralDepth: number): void => {
    if (!Array.isArray(node)) return
    const [operator, second] = node as [unknown, unknown]
    if (operator === 'and' || operator === 'or') {
      if (Array.isArray(second))
        second.forEach((child, index) => walk(child, `${at}/1/${index}`, depth + 1, behavioralDepth))
      return
    }
    if (operator === 'not' || behavioral.has(operator as string)) {
      walk(second, `${at}/1`, depth + 1, behavioralDepth + (behavioral.has(operator as string) ? 1 : 0))
      return
    }
    const modifiers = node[3]
    leaves.push({
      filter: node,
      operator: String(operator),
      dimension: String(second),
      clauses: Array.isArray(node[2]) ? (node[2] as unknown[]) : [],
      ...(typeof modifiers === 'object' && modifiers !== null
        ? { modifiers: modifiers as Record<string, unknown> }
        : {}),
      depth,
      behavioralDepth,
      pointer: at,
    })
  }
  filters.forEach((filter, index) => walk(filter, `${pointer}/${index}`, 0, 0))
  return leaves
}

export interface DimensionsInFilters {
  minDepth?: number
  /** 'ignore' leaves out leaves inside has_done/has_not_done; 'only' keeps just those. */
  behavioral?: 'ignore' | 'only'
}

/** Filters.dimensions_used_in_filters: the leaves that pass the depth and behavioural options. */
export function leavesWhere(leaves: readonly FilterLeaf[], options: DimensionsInFilters = {}): FilterLeaf[] {
  return leaves.filter(
    (leaf) =>
      leaf.depth >= (options.minDepth ?? 0) &&
      (options.behavioral === 'ignore'
        ? leaf.behavioralDepth === 0
        : options.behavioral === 'only'
          ? leaf.behavioralDepth > 0
          : true),
  )
}

/** Filters.filtering_on_dimension? with `behavioral_filters: :ignore`, at any depth. */
export function filtersOnDimension(leaves: readonly FilterLeaf[], dimension: string): boolean {
  return leavesWhere(leaves, { behavioral: 'ignore' }).some((leaf) => leaf.dimension === dimension)
}
