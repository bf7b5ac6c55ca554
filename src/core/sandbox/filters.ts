// §4.5 filters compiled to predicates over (visit, event) pairs: leaves, and/or/not, has_done/has_not_done.
import type { SandboxEvent } from './dataset'
import { dimensionReader, isVisitDimension, type DimensionValue } from './dimensions'
import type { Goal } from './goals'
import type { SessionView } from './session-view'

export type LeafOperator = 'is' | 'is_not' | 'contains' | 'contains_not' | 'matches' | 'matches_not'

export type FilterNode =
  | {
      kind: 'leaf'
      operator: LeafOperator
      dimension: string
      clauses: readonly DimensionValue[]
      caseSensitive: boolean
    }
  | { kind: 'and' | 'or'; children: readonly FilterNode[] }
  | { kind: 'not'; child: FilterNode }
  | { kind: 'has_done' | 'has_not_done'; child: FilterNode }

export type Predicate = (view: SessionView, event: SandboxEvent) => boolean

/** True when the tree only reads visit dimensions, so one evaluation per session decides it. */
export function isVisitOnly(node: FilterNode): boolean {
  switch (node.kind) {
    case 'leaf':
      return isVisitDimension(node.dimension)
    case 'and':
    case 'or':
      return node.children.every(isVisitOnly)
    case 'not':
      return isVisitOnly(node.child)
    case 'has_done':
    case 'has_not_done':
      // Behavioural filters look at the whole session, whatever event is being asked about.
      return true
  }
}

function compileLeaf(node: Extract<FilterNode, { kind: 'leaf' }>, goals: readonly Goal[]): Predicate {
  const read = dimensionReader(node.dimension, goals)
  const fold = (value: DimensionValue): string =>
    node.caseSensitive ? String(value) : String(value).toLowerCase()
  const clauses = node.clauses.map(fold)
  let matchesValue: (value: string) => boolean
  switch (node.operator) {
    case 'is':
    case 'is_not':
      matchesValue = (value) => clauses.includes(value)
      break
    case 'contains':
    case 'contains_not':
      matchesValue = (value) => clauses.some((clause) => value.includes(clause))
      break
    case 'matches':
    case 'matches_not': {
      // The server uses re2; JavaScript regexes accept the same common syntax.
      const patterns = node.clauses.map((clause) => new RegExp(String(clause)))
      matchesValue = (value) => patterns.some((pattern) => pattern.test(value))
      break
    }
  }
  const isNegated = node.operator.endsWith('_not')
  return (view, event) => {
    const values = read(view, event)
    const matched = values.some((value) => matchesValue(fold(value)))
    // A negated goal filter would mean "events completing no such goal"; the server only allows is/contains for goals.
    return isNegated ? !matched : matched
  }
}

export function compileFilter(node: FilterNode, goals: readonly Goal[]): Predicate {
  switch (node.kind) {
    case 'leaf':
      return compileLeaf(node, goals)
    case 'and': {
      const children = node.children.map((child) => compileFilter(child, goals))
      return (view, event) => children.every((child) => child(view, event))
    }
    case 'or': {
      const children = node.children.map((child) => compileFilter(child, goals))
      return (view, event) => children.some((child) => child(view, event))
    }
    case 'not': {
      const child = compileFilter(node.child, goals)
      return (view, event) => !child(view, event)
    }
    case 'has_done':
    case 'has_not_done': {
      const child = compileFilter(node.child, goals)
      const wanted = node.kind === 'has_done'
      return (view) => view.events.some((event) => child(view, event)) === wanted
    }
  }
}

/** The implicit top-level AND of the query's filters (§4.5). */
export function compileFilters(nodes: readonly FilterNode[], goals: readonly Goal[]): Predicate {
  return compileFilter({ kind: 'and', children: nodes }, goals)
}

/** Whether any leaf filters on `dimension`; leaves inside has_done/has_not_done count only when asked. */
export function filtersOn(
  nodes: readonly FilterNode[],
  dimension: string,
  includeBehavioral = false,
): boolean {
  return nodes.some((node) => {
    switch (node.kind) {
      case 'leaf':
        return node.dimension === dimension
      case 'and':
      case 'or':
        return filtersOn(node.children, dimension, includeBehavioral)
      case 'not':
        return filtersOn([node.child], dimension, includeBehavioral)
      case 'has_done':
      case 'has_not_done':
        return includeBehavioral && filtersOn([node.child], dimension, includeBehavioral)
    }
  })
}

/** The filters without their top-level goal leaves: the base a conversion rate divides by (§4.3). */
export function withoutGoalFilters(nodes: readonly FilterNode[]): FilterNode[] {
  return nodes.filter((node) => !(node.kind === 'leaf' && node.dimension === 'event:goal'))
}
