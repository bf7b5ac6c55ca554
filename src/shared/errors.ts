// The one error vocabulary: every failure has a stable code, a message for people, a hint, and a CLI exit code.
// Only zod-free, node-free code here: the renderer and the preload read it too.

/** CLI exit codes, documented in the README. */
export const exitCodes = {
  ok: 0,
  internal: 1,
  usage: 2,
  auth: 3,
  notFound: 4,
  budget: 5,
  server: 6,
  network: 7,
  partial: 8,
  files: 9,
} as const

export type ExitCode = (typeof exitCodes)[keyof typeof exitCodes]

/**
 * What each exit code tells a script, in a few words (llms.txt; the README's table says the same, checked by
 * test/unit/shared/exit-codes-readme.test.ts). A command that sets an exit code itself is named here.
 */
export const exitCodeMeanings: Record<keyof typeof exitCodes, string> = {
  ok: 'ok',
  internal: 'internal error, or `doctor` found a failing check',
  usage: 'a wrong flag, value or query',
  auth: 'missing or refused key, a site this key cannot see, or a plan without API access',
  notFound: 'no such site, resource or account alias, or the server lacks the feature',
  budget: 'hourly budget spent, or the server answered 429 (resets at the top of the UTC hour)',
  server: 'server error',
  network: 'the server could not be reached',
  partial:
    'some of the work failed (the output says which): `events import`, `call --batch`, `queue drain`, `queue corrupt`, `accounts import`, `report`, `report-schedule run`',
  files: 'the config folder, a file in it, or the `--output` file cannot be read or written',
}

interface CatalogEntry {
  /** What went wrong, for people. The server's own text is appended where there is one. */
  readonly message: string
  /** What to do next. */
  readonly hint: string
  readonly exit: ExitCode
}

export const errorCatalog = {
  USAGE: {
    message: 'The command or its input is not valid.',
    hint: 'Run with --help to see the accepted flags and an example.',
    exit: exitCodes.usage,
  },
  QUERY_INVALID: {
    message: 'The server rejected the query.',
    hint: 'Fix the part of the query the message names; `plausible stats --help` lists metrics and dimensions.',
    exit: exitCodes.usage,
  },
  AUTH_MISSING: {
    message: 'No API key was sent.',
    hint: 'Add an account with `plausible accounts add`, or set PLAUSIBLE_API_KEY.',
    exit: exitCodes.auth,
  },
  AUTH_INVALID: {
    message: 'The API key or site ID was refused.',
    hint: "Compare the key with Plausible's Settings → API Keys (the list shows each key's first 6 characters; a revoked key is gone from it) and check that its account can open this site's dashboard.",
    exit: exitCodes.auth,
  },
  SCOPE_REQUIRED: {
    message: 'This API key may read but not write: it lacks the `sites:provision` scope.',
    hint: 'Create a Sites API key in Plausible (Settings → API Keys → "Sites API"; plausible.io issues them on Enterprise plans) and add it as this account\'s key.',
    exit: exitCodes.auth,
  },
  PLAN_REQUIRED: {
    message: 'The account behind this key cannot use this API on its current plan.',
    hint: "On plausible.io the Stats API needs a Business plan (or higher) and the Sites API an Enterprise plan: upgrade in Plausible's Settings → Subscription, or use a key of an account on such a plan.",
    exit: exitCodes.auth,
  },
  NOT_FOUND: {
    message: 'The server has no such resource.',
    hint: 'Check the site domain and the base URL of the account.',
    exit: exitCodes.notFound,
  },
  // Exit 4 like NOT_FOUND, not 2 (usage): the request is well formed and nothing the user types differently
  // fixes it; the thing asked for does not exist on this server, which scripts already branch on as 4.
  NOT_SUPPORTED: {
    message: 'This server does not offer what this request needs.',
    hint: 'Use a server that has it (plausible.io or an Enterprise server for the Sites API), or do it in the Plausible dashboard.',
    exit: exitCodes.notFound,
  },
  EVENT_INVALID: {
    message: 'The Events API rejected the event.',
    hint: 'Fix the fields named in the message (name ≤ 120 characters, an http(s) url ≤ 2000 bytes, at most 30 props).',
    exit: exitCodes.usage,
  },
  // Exit 2 like USAGE: nothing is wrong with the server or the key; an explicit flag or a https URL fixes it.
  INSECURE_HTTP: {
    message: 'The key would be sent over plain http, which anyone on the network can read.',
    hint: 'Use the https:// address of the server, or pass --allow-insecure-http to accounts add (PLAUSIBLE_ALLOW_INSECURE_HTTP=1 for one run).',
    exit: exitCodes.usage,
  },
  ACCOUNT_NOT_FOUND: {
    message: 'There is no account with that alias.',
    hint: 'Run `plausible accounts list` to see the configured aliases.',
    exit: exitCodes.notFound,
  },
  ACCOUNT_EXISTS: {
    message: 'An account with that alias already exists.',
    hint: 'Pick another alias, replace its key with `plausible accounts rotate <alias>`, or remove it first.',
    exit: exitCodes.usage,
  },
  KEYCHAIN_TIMEOUT: {
    message: 'The OS keychain did not answer in time.',
    hint: 'Unlock the keychain (or log in to the desktop session) and try again; PLAUSIBLE_SECRET_STORE=file keeps keys in 0600 files instead.',
    exit: exitCodes.auth,
  },
  KEYCHAIN_UNAVAILABLE: {
    message: 'The OS keychain refused the request.',
    hint: 'Unlock the keychain and try again; PLAUSIBLE_SECRET_STORE=file keeps keys in 0600 files instead.',
    exit: exitCodes.auth,
  },
  SECRET_FILE_UNSAFE: {
    message: 'A key file can be read by other users, so it is not used.',
    hint: 'Run `chmod 600` on the file named in the message and rotate the key, since others could have read it.',
    exit: exitCodes.auth,
  },
  NO_ACCOUNT: {
    message: 'No account is configured.',
    hint: 'Add one with `plausible accounts add`, set PLAUSIBLE_API_KEY (and PLAUSIBLE_BASE_URL for self-hosted), or use the Demo account.',
    exit: exitCodes.auth,
  },
  RATE_LIMITED: {
    message: 'The server refused the request: this key used up its hourly API budget.',
    hint: "Wait for the top of the next UTC hour, when the server's counter resets; the budget meter shows the exact time.",
    exit: exitCodes.budget,
  },
  BUDGET_EXHAUSTED: {
    message: 'This account has no API budget left this hour.',
    hint: 'Wait for the reset, or raise the account limit if the server allows more.',
    exit: exitCodes.budget,
  },
  SERVER_ERROR: {
    message: 'The Plausible server failed to answer.',
    hint: 'Try again in a minute; if it persists, check the server status or its logs.',
    exit: exitCodes.server,
  },
  BAD_RESPONSE: {
    message: 'The server answered with something that is not the Plausible API.',
    hint: 'Check the base URL: it should be the root of a Plausible server (for example https://plausible.io).',
    exit: exitCodes.server,
  },
  NETWORK: {
    message: 'The Plausible server could not be reached.',
    hint: 'Check the network and the base URL of the account.',
    exit: exitCodes.network,
  },
  // Its own exit code: nothing about the server, the key or the input is wrong, and retrying cannot help
  // until the folder is fixed or moved; the message names the path and the errno, the hint the fix.
  CONFIG_DIR: {
    message: 'The config folder, or a file in it, cannot be read or written.',
    hint: 'Set PLAUSIBLE_CONFIG_DIR to a folder you can write, or fix the permissions of the one named in the message.',
    exit: exitCodes.files,
  },
  // Exit 9 with CONFIG_DIR: a file that cannot be written, which no other flag or retry fixes.
  OUTPUT_FILE: {
    message: 'The --output file cannot be written.',
    hint: 'Give --output a path in a folder you can write, or leave --output out and redirect stdout.',
    exit: exitCodes.files,
  },
  APP_UNREACHABLE: {
    message: 'The running app did not answer on its control socket.',
    hint: 'Quit and restart the app, or run the CLI with PLAUSIBLE_NO_APP=1 to work in-process.',
    exit: exitCodes.internal,
  },
  FORBIDDEN: {
    message: 'This request is not allowed here.',
    hint: 'Open the window again from the app, or use the URL `plausible ui` printed.',
    exit: exitCodes.auth,
  },
  DRY_RUN: {
    message: 'Dry run: the request was built but not sent.',
    hint: 'Run the same command without --dry-run to send it.',
    exit: exitCodes.ok,
  },
  INTERNAL: {
    message: 'Something went wrong inside Plausible Desktop.',
    hint: 'Run again with --verbose and report the output (it never contains your key).',
    exit: exitCodes.internal,
  },
} as const satisfies Record<string, CatalogEntry>

export type ErrorCode = keyof typeof errorCatalog

export const errorCodes = Object.keys(errorCatalog) as ErrorCode[]

/** What --dry-run prints instead of sending: method, URL, headers (the key masked) and body. */
export interface DryRunRequest {
  method: string
  url: string
  headers: Record<string, string>
  body: unknown
}

/** The serialisable form of an error: what crosses IPC, the control socket and HTTP. */
export interface WireError {
  code: ErrorCode
  message: string
  hint: string
  /** Server-provided detail (the server's own error text, an HTTP status) — never a secret. */
  details?: {
    status?: number
    serverMessage?: string
    resetsAt?: string
    /** The server's Retry-After as an instant (ISO): not before then. */
    retryAt?: string
    /** Events API 400s: the server's (or the local check's) messages, field by field. */
    fieldErrors?: Record<string, string[]>
    /** --dry-run: the request that would have been sent, its key redacted. */
    request?: DryRunRequest
    /** A v2 query refused: the JSON pointer of the part at fault (never in the server's message itself). */
    pointer?: string
    /** A v2 query refused: which ported server rule refused it (docs/api-fidelity.md). */
    queryRule?: string
    /** true when the client refused the query with the server's rules before sending anything. */
    checkedLocally?: boolean
  }
}

/** A failure with a stable code. Thrown inside the core; converted to WireError at every border. */
export class PlausibleError extends Error {
  readonly code: ErrorCode
  readonly hint: string
  readonly details: WireError['details']

  constructor(
    code: ErrorCode,
    options: { message?: string; hint?: string; details?: WireError['details']; cause?: unknown } = {},
  ) {
    super(options.message ?? errorCatalog[code].message, { cause: options.cause })
    this.name = 'PlausibleError'
    this.code = code
    this.hint = options.hint ?? errorCatalog[code].hint
    this.details = options.details
  }

  toWire(): WireError {
    return {
      code: this.code,
      message: this.message,
      hint: this.hint,
      ...(this.details ? { details: this.details } : {}),
    }
  }
}

export function exitCodeOf(code: ErrorCode): ExitCode {
  return errorCatalog[code].exit
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.hasOwn(errorCatalog, value)
}
