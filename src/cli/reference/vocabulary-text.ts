// The metrics, dimensions and filter operators, and which go together, written from the shared tables
// the client and the sandbox check queries with: llms.txt and `plausible stats --help` print it.
import {
  countMetrics,
  eventDimensions,
  goalMetrics,
  groupedMetrics,
  leafOperators,
  metrics,
  pageMetrics,
  revenueMetrics,
  sessionMetricEventDimensions,
  sessionMetrics,
  timeDimensions,
  ungroupedMetrics,
  visitDimensions,
} from '../../shared/plausible/vocabulary'
import { filterFlagOperators } from '../flags/filter'

const list = (names: readonly string[]): string => names.join(', ')
const code = (names: readonly string[]): string => names.map((name) => `\`${name}\``).join(', ')

/** `visit:source, channel, referrer…`: the prefix once, to keep the list short. */
function prefixedOnce(names: readonly string[]): string {
  const [first, ...rest] = names
  const prefix = first?.slice(0, first.indexOf(':') + 1) ?? ''
  return [first, ...rest.map((name) => (name.startsWith(prefix) ? name.slice(prefix.length) : name))].join(
    ', ',
  )
}

const operatorWords: Record<(typeof filterFlagOperators)[number][1], string> = {
  is: 'is',
  is_not: 'is not',
  contains: 'contains',
  contains_not: 'does not contain',
}

/** Each metric group and the rule it follows; together they name every metric once. */
export function metricGroups(): Array<{ metrics: readonly string[]; rule: string }> {
  const [sessionPage, sessionHostname] = sessionMetricEventDimensions
  return [
    { metrics: countMetrics, rule: 'counts; no requirements' },
    {
      metrics: sessionMetrics.filter((metric) => !(ungroupedMetrics as readonly string[]).includes(metric)),
      rule: `session metrics; no event dimension but ${sessionPage} (${sessionHostname} beside ${sessionPage})`,
    },
    { metrics: ungroupedMetrics, rule: `session metric; no dimensions and no ${sessionPage} filter` },
    { metrics: goalMetrics, rule: 'need an event:goal filter or dimension' },
    { metrics: pageMetrics, rule: 'need an event:page filter or dimension (newer servers only)' },
    { metrics: groupedMetrics, rule: "each row's share; for breakdowns" },
    { metrics: revenueMetrics, rule: 'plausible.io and Enterprise servers, with revenue goals' },
  ]
}

/** Markdown lines: metrics with their rules, the dimensions by kind, and the --filter syntax. */
export function vocabularyLines(): string[] {
  const grouped = metricGroups()
  const named = new Set(grouped.flatMap((group) => group.metrics))
  const others = metrics.filter((metric) => !named.has(metric))
  const operators = [...filterFlagOperators]
    .reverse()
    .map(([token, operator]) => `${token} ${operatorWords[operator]}`)
  return [
    ...grouped.map((group) => `- ${code(group.metrics)}: ${group.rule}.`),
    ...(others.length > 0 ? [`- ${code(others)}.`] : []),
    `- Event dimensions (per event): ${prefixedOnce(eventDimensions)}, event:props:<name>.`,
    `- Visit dimensions (per visit): ${prefixedOnce(visitDimensions)}.`,
    `- Time dimensions (raw queries; not in filters): ${list(timeDimensions)}.`,
    `- \`--filter "dimension<op>values"\` on any event or visit dimension: ${list(operators)}; \`|\` between values (any may match). Repeat --metric, --dimension, --filter for several (filters AND).`,
    `- \`stats query\` filters: [operator, dimension, [values]], operator one of ${list(leafOperators)}.`,
  ]
}

/** The same, as a help paragraph under `plausible stats --help`. */
export function vocabularyHelp(): string {
  return `\nMetrics, dimensions and which go together:\n${vocabularyLines()
    .map((line) => `  ${line.replace(/`/g, '')}`)
    .join('\n')}\n`
}
