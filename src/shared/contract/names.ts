// The call names alone, zod-free, so the sandboxed preload can import them without the schemas.
// A unit test checks this list against the keys of `calls`.

export const callNames = [
  'accounts.list',
  'accounts.add',
  'accounts.use',
  'accounts.remove',
  'accounts.export',
  'accounts.import',
  'accounts.budget',
  'accounts.allowInsecureHttp',
  'accounts.rotate',
  'sites.list',
  'sites.get',
  'sites.create',
  'sites.update',
  'sites.delete',
  'capabilities.get',
  'goals.list',
  'goals.add',
  'goals.remove',
  'props.list',
  'props.add',
  'props.remove',
  'sharedLinks.create',
  'guests.list',
  'guests.invite',
  'guests.remove',
  'status.get',
  'doctor.run',
  'stats.query',
  'stats.realtime',
  'budget.status',
  'queue.inspect',
  'queue.corruptList',
  'queue.corruptDelete',
  'queue.corruptRetry',
  'pins.list',
  'pins.set',
  'alerts.get',
  'alerts.set',
  'tray.get',
  'tray.set',
  'realtime.history',
  'overview.get',
  'report.build',
  'report.print',
  'reportSchedules.list',
  'reportSchedules.add',
  'reportSchedules.remove',
  'reportSchedules.run',
  'dialog.pickFolder',
  'events.send',
  'debug.http',
  'siteIcons.get',
  'siteIcons.set',
  'siteIcons.icon',
  'mcp.config',
  'imports.list',
  'imports.start',
  'imports.finish',
  'metricsEndpoint.get',
  'metricsEndpoint.set',
  'annotations.list',
  'annotations.add',
  'annotations.remove',
] as const
export type CallName = (typeof callNames)[number]

const channelPrefix = 'plausible:'

/** The one place an IPC channel string is built. */
export function channelOf(name: CallName): string {
  return `${channelPrefix}${name}`
}

export function isCallName(value: unknown): value is CallName {
  return typeof value === 'string' && (callNames as readonly string[]).includes(value)
}
