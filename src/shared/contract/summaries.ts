// What the CLI's help shows of the contract, zod-free, so registering a command (for help and
// completion) loads no schema: one sentence per call, and the bounds its flags name.
import type { CallName } from './names'

export const callSummaries = {
  'accounts.list': 'List the configured accounts with where each key is kept (never the keys).',
  'accounts.add':
    'Add an account: check its key with one request (unless verify is false), then keep the key in the keychain.',
  'accounts.use': 'Make an account the default.',
  'accounts.remove': 'Remove an account and its key; optionally forget its request counts too.',
  'accounts.export': 'The account settings as JSON, without any key.',
  'accounts.import':
    'Add the accounts of an export or of a config.json copy (aliases, servers, budgets, the default); an alias already configured is kept as it is, and no key is touched.',
  'accounts.budget': "Set an account's hourly limit and daily cap, or clear them back to the defaults.",
  'accounts.allowInsecureHttp':
    "Give (or take back) an account's consent to send its key over plain http, for a server that has no https address.",
  'accounts.rotate':
    "Replace an account's key: the new key is checked first, and a refused key leaves the old one in place.",
  'sites.list': 'List the sites an account can read.',
  'sites.get': "One site's settings: timezone, custom-property allowlist and tracker script switches.",
  'sites.create':
    'Create a site (Sites API, provisioning key): the change is journaled until the server answers.',
  'sites.update': "Change a site's domain or tracker script switches (Sites API, provisioning key).",
  'sites.delete':
    'Delete a site and all its stats (Sites API, provisioning key of the owner); there is no undo.',
  'capabilities.get':
    "What an account's server and key can do (Stats API v2, Sites API, write scope), probed once per process.",
  'goals.list': "A site's goals (Sites API).",
  'goals.add': 'Find or create a goal: a custom event name or a page path (Sites API, provisioning key).',
  'goals.remove':
    'Delete a goal by its id (Sites API, provisioning key); its past conversions stay in the stats.',
  'props.list': "A site's custom-property allowlist (Sites API).",
  'props.add':
    "Add a property to a site's custom-property allowlist (idempotent; Sites API, provisioning key).",
  'props.remove': "Remove a property from a site's allowlist (idempotent; Sites API, provisioning key).",
  'sharedLinks.create':
    "Find or create a named shared link to a site's dashboard (Sites API, provisioning key).",
  'guests.list': "A site's guests with their role and whether they accepted (Sites API).",
  'guests.invite':
    'Invite a guest by e-mail as viewer or editor (idempotent; the server sends the invitation).',
  'guests.remove': "Remove a guest's access to a site (idempotent; never removes team members).",
  'status.get': 'Every account with its budget left this hour, and the write journal at a glance.',
  'doctor.run':
    'Check the config files, the key store and each account (server reachable, capabilities, budget, clock skew).',
  'stats.query': 'Run a Stats API v2 query for one site.',
  'stats.realtime': 'Current visitors on a site: unique visitors in the last 5 minutes.',
  'budget.status': 'API requests used and left in the current UTC hour for an account.',
  'queue.inspect':
    'Pending and in-flight write jobs with retries and last errors, requests waiting for the budget, and the budget left.',
  'queue.corruptList':
    'The write-journal job files that could not be read, kept aside until deleted or retried.',
  'queue.corruptDelete': 'Delete unreadable write-journal job files (the named ones, or all).',
  'queue.corruptRetry':
    'Journal unreadable job files again once they read as jobs (mended by hand); the others stay, each with its reason.',
  'events.send':
    'Send one Events API event through the crash-safe journal and wait for the answer: accepted, dropped by the server, or queued for a retry.',
  'pins.list': 'The sites the tray watches, across accounts, in menu order.',
  'pins.set': 'Replace the pinned sites; the first one is the tray title.',
  'alerts.get': 'Spike and drop alert rules per site, quiet hours and the hourly cap on notifications.',
  'alerts.set': 'Change the alert settings; fields left out keep their value.',
  'tray.get':
    "The tray's preferences (start at login, calm mode, polling paused) and what its polling does now.",
  'siteIcons.get':
    "Whether site icons are fetched through each account's server, where they are kept, and how many are kept.",
  'siteIcons.set': 'Turn fetching site icons on or off; off removes every kept icon.',
  'siteIcons.icon':
    "One site's icon as a data: URL, fetched through its account's server and kept a day; none while fetching is off.",
  'tray.set': "Change the tray's preferences; fields left out keep their value.",
  'realtime.history':
    "A site's current-visitor counts as the tray sampled them: 30 minutes in full, 24 hours in buckets.",
  'report.build':
    'A report of one site, or of every site of an account or of all accounts: top stats with changes, the visitors series, top sources, pages, countries, devices and goal conversions.',
  'report.print': 'Print a report to a PDF file (the desktop app asks where to save it).',
  'reportSchedules.list':
    'The scheduled reports (weekly or monthly, written into a folder) and their last runs.',
  'reportSchedules.add':
    'Schedule a weekly or monthly report of a site or of all sites, written into a folder when the period starts.',
  'reportSchedules.remove': 'Stop a scheduled report.',
  'reportSchedules.run':
    'Write the scheduled reports that are due now (a period started since the last one), each once.',
  'dialog.pickFolder': 'Ask for a folder with the desktop app’s folder dialog.',
  'overview.get':
    "Every site of every account: visitors of the last 24 hours, the change against the 24 hours before, an hourly sparkline and the tray's current visitors; refreshed at background priority as each budget allows.",
  'debug.http':
    'The last requests this machine sent to Plausible servers and their answers, newest first, keys masked.',
  'mcp.config':
    'How an MCP client starts `plausible mcp` here: the command, and the config snippet for Claude Desktop, VS Code and Cursor.',
  'imports.list':
    'Every events import run, newest first, each compared with the previous run of the same source; read from the config folder.',
  'imports.start':
    "Open a run in the import history for a file the window imports; its events.send calls carrying the run's id are counted into it.",
  'imports.finish':
    'Close an import run: its counts are written to the history and set against the previous run of the same source.',
  'metricsEndpoint.get':
    'Whether this app serves `plausible metrics` at GET /metrics, on which address, and whether it is serving now.',
  'metricsEndpoint.set':
    'Turn the /metrics endpoint on or off or move it; an address other machines can reach needs allowNonLoopback.',
  'annotations.list':
    "A site's annotations (or every site's of the account), oldest first: kept in the config folder, synced nowhere.",
  'annotations.add':
    'Mark a deploy, a campaign or a note on a date of a site: drawn on the graph and listed in reports.',
  'annotations.remove': 'Remove an annotation by its id.',
} as const satisfies Record<CallName, string>

/** The most exchanges `debug.http` returns: its input schema's bound and `debug http --limit`'s. */
export const debugHttpMaxLimit = 500
