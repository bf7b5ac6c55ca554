// The Sites API's snake_case objects (plausible-api.md §6) as the contract's camelCase views, and back.
import type {
  GoalView,
  GuestView,
  SiteDetails,
  TrackerScript,
  TrackerScriptSettings,
} from '../../shared/contract/site-management'
import type { Goal, Guest, Site, TrackerScriptConfiguration } from '../api/sites'

/** Contract name → the server's field name. */
const trackerFields = {
  installationType: 'installation_type',
  track404Pages: 'track_404_pages',
  hashBasedRouting: 'hash_based_routing',
  outboundLinks: 'outbound_links',
  fileDownloads: 'file_downloads',
  revenueTracking: 'revenue_tracking',
  taggedEvents: 'tagged_events',
  formSubmissions: 'form_submissions',
  pageviewProps: 'pageview_props',
} as const satisfies Record<keyof TrackerScriptSettings, string>

export function trackerToApi(settings: TrackerScriptSettings): Record<string, boolean | string | null> {
  const body: Record<string, boolean | string | null> = {}
  for (const [name, field] of Object.entries(trackerFields)) {
    const value = settings[name as keyof TrackerScriptSettings]
    if (value !== undefined) body[field] = value
  }
  return body
}

function trackerFromApi(config: TrackerScriptConfiguration): TrackerScript {
  const view: Record<string, unknown> = {}
  if (typeof config.id === 'string') view.id = config.id
  for (const [name, field] of Object.entries(trackerFields)) {
    const value = (config as Record<string, unknown>)[field]
    if (value !== undefined) view[name] = value
  }
  return view as TrackerScript
}

export function siteView(site: Site): SiteDetails {
  return {
    domain: site.domain,
    timezone: site.timezone,
    ...(site.custom_properties ? { customProperties: site.custom_properties } : {}),
    ...(site.tracker_script_configuration
      ? { trackerScript: trackerFromApi(site.tracker_script_configuration) }
      : {}),
  }
}

export function goalView(goal: Goal): GoalView {
  return {
    id: goal.id,
    displayName: goal.display_name,
    goalType: goal.goal_type,
    eventName: goal.event_name,
    pagePath: goal.page_path,
    customProps: goal.custom_props ?? {},
  }
}

export function guestView(guest: Guest): GuestView {
  return { email: guest.email, role: guest.role, status: guest.status }
}
