// The value of each non-time dimension for a (visit, event) pair; event:goal is the goals the event completes.
import type { SandboxEvent } from './dataset'
import { goalMatches, type Goal } from './goals'
import type { SessionView } from './session-view'

export type DimensionValue = string | number

/** Reads a dimension's values: one value, several (goals), or none (the pair is not in any group). */
export type DimensionReader = (view: SessionView, event: SandboxEvent) => readonly DimensionValue[]

/** Empty UTM values are left out of breakdowns rather than shown as a blank row. */
const optional = (value: string): readonly DimensionValue[] => (value === '' ? [] : [value])

const visitReaders: Record<string, (view: SessionView) => readonly DimensionValue[]> = {
  'visit:source': (v) => [v.session.visit.source],
  'visit:channel': (v) => [v.session.visit.channel],
  'visit:referrer': (v) => [v.session.visit.referrer || 'Direct / None'],
  'visit:utm_medium': (v) => optional(v.session.visit.utmMedium),
  'visit:utm_source': (v) => optional(v.session.visit.utmSource),
  'visit:utm_campaign': (v) => optional(v.session.visit.utmCampaign),
  'visit:utm_content': (v) => optional(v.session.visit.utmContent),
  'visit:utm_term': (v) => optional(v.session.visit.utmTerm),
  'visit:screen': (v) => [v.session.visit.screen],
  'visit:device': (v) => [v.session.visit.device],
  'visit:browser': (v) => [v.session.visit.browser],
  'visit:browser_version': (v) => [v.session.visit.browserVersion],
  'visit:os': (v) => [v.session.visit.os],
  'visit:os_version': (v) => [v.session.visit.osVersion],
  // Ingested events have no location (no GeoIP in the sandbox): they join no location group.
  'visit:country': (v) => optional(v.session.visit.country),
  'visit:region': (v) => optional(v.session.visit.region),
  'visit:city': (v) => (v.session.visit.city === 0 ? [] : [v.session.visit.city]),
  'visit:country_name': (v) => optional(v.session.visit.countryName),
  'visit:region_name': (v) => optional(v.session.visit.regionName),
  'visit:city_name': (v) => optional(v.session.visit.cityName),
  'visit:entry_page': (v) => optional(v.entryPage),
  'visit:exit_page': (v) => optional(v.exitPage),
  'visit:entry_page_hostname': (v) => [v.session.visit.hostname],
  'visit:exit_page_hostname': (v) => [v.session.visit.hostname],
}

export function isVisitDimension(dimension: string): boolean {
  return dimension in visitReaders
}

/** A reader for any non-time dimension; `goals` are the site's goals (for event:goal). */
export function dimensionReader(dimension: string, goals: readonly Goal[]): DimensionReader {
  const visit = visitReaders[dimension]
  if (visit) return (view) => visit(view)
  switch (dimension) {
    case 'event:page':
      return (_, event) => [event.pathname]
    case 'event:name':
      return (_, event) => [event.name]
    case 'event:hostname':
      return (view) => [view.session.visit.hostname]
    case 'event:goal':
      return (_, event) => goals.filter((goal) => goalMatches(goal, event)).map((goal) => goal.displayName)
  }
  if (dimension.startsWith('event:props:')) {
    const prop = dimension.slice('event:props:'.length)
    // "(none)" stands for events without the property (§4.5).
    return (_, event) => [event.props?.[prop] ?? '(none)']
  }
  throw new Error(`No reader for dimension ${dimension}`)
}
