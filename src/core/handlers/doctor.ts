// doctor.* — checks what the product needs, one verdict (ok / warn / fail) per check: the config
// folder and its files, the key store, and per account: the server reachable, what it can do, the
// budget left, and the clock against the server's `Date` header (the budget's hour is the UTC hour, §3).
import { access, constants, readdir } from 'node:fs/promises'
import { hostname } from 'node:os'
import { join } from 'node:path'
import type { DoctorCheck, CheckStatus } from '../../shared/contract/site-management'
import { PlausibleError } from '../../shared/errors'
import { lockHolderWords, staleLockWords } from '../../shared/lock-words'
import { toPlausibleError } from '../dispatch'
import { configFileName } from '../accounts/conf-settings-store'
import { isErrno, namingFile, readReplacedFileSync } from '../budget/atomic-file'
import { inspectFileLock } from '../budget/file-lock'
import { asConfigDirError, configDirError, makePrivate } from '../config-dir'
import type { Fetch } from '../ports'
import type { QueueWorkerView } from '../queue/write-queue'
import type { DomainHandlers, HandlerDeps } from './types'

/** Beyond this the local hour and the server's hour disagree long enough to matter near the top of it. */
const skewWarnMs = 10_000
const skewFailMs = 60_000

const check = (
  name: string,
  account: string | null,
  status: CheckStatus,
  message: string,
  hint: string | null = null,
): DoctorCheck => ({ check: name, account, status, message, hint: status === 'ok' ? null : hint })

export function doctorHandlers(deps: HandlerDeps): DomainHandlers<'doctor'> {
  return {
    async 'doctor.run'({ account }) {
      const checks: DoctorCheck[] = [...(await machineChecks(deps)), ...(await accountChecks(deps, account))]
      const count = (status: CheckStatus): number => checks.filter((item) => item.status === status).length
      return { configDir: deps.configDir, checks, ok: count('ok'), warn: count('warn'), fail: count('fail') }
    },
  }
}

async function machineChecks(deps: HandlerDeps): Promise<DoctorCheck[]> {
  const { configDir } = deps
  const checks: DoctorCheck[] = []
  try {
    await access(configDir, constants.R_OK | constants.W_OK)
    // Every entry point tightens the folder as it opens; what is still open to others could not be.
    const { notPrivate } = makePrivate(configDir)
    checks.push(
      notPrivate.length > 0
        ? check(
            'config-dir',
            null,
            'warn',
            `Other users can read ${notPrivate.map((entry) => `${entry.path} (mode ${entry.mode.toString(8)}${entry.code === 'EHOME' ? ', your home folder' : `, not changed: ${entry.code}`})`).join(', ')}.`,
            notPrivate.some((entry) => entry.code === 'EHOME')
              ? `Point PLAUSIBLE_CONFIG_DIR at a folder of its own (it holds the accounts, the usage ledger and the write journal).`
              : `Run ${notPrivate.map((entry) => `\`chmod go-rwx "${entry.path}"\``).join(' and ')} as their owner; they hold the accounts, the usage ledger and the write journal.`,
          )
        : check('config-dir', null, 'ok', `${configDir} is readable and writable, and private to you.`),
    )
  } catch {
    checks.push(
      check(
        'config-dir',
        null,
        'fail',
        `${configDir} cannot be read and written.`,
        'Fix its owner and permissions, or point PLAUSIBLE_CONFIG_DIR at a folder you own.',
      ),
    )
    return checks
  }

  try {
    const config = deps.settings.read()
    checks.push(check('config-file', null, 'ok', `config.json holds ${config.accounts.length} account(s).`))
  } catch (error) {
    const failure = toPlausibleError(error)
    checks.push(check('config-file', null, 'fail', failure.message, failure.hint))
  }
  checks.push(await usageFileCheck(configDir))

  const names = await readdir(configDir).catch(() => [] as string[])
  // config.json's copies get a check each (below), with the way to restore their accounts.
  const configCopies = names.filter(isConfigCopyName)
  const aside = names.filter((name) => name.includes('.corrupt-') && !isConfigCopyName(name))
  if (aside.length > 0)
    checks.push(
      check(
        'corrupt-files',
        null,
        'warn',
        `Corrupt file(s) were moved aside: ${aside.join(', ')}.`,
        'Look inside for anything worth keeping, then delete them; they are never read again.',
      ),
    )

  for (const name of configCopies) checks.push(configCopyCheck(join(configDir, name)))

  let queue
  try {
    queue = await deps.queue.snapshot(1)
  } catch (error) {
    // The journal's folder cannot be read (a permission, a full disk): a failing check, not a crash.
    const failure = toPlausibleError(asConfigDirError(configDir, error))
    checks.push(check('queue', null, 'fail', failure.message, failure.hint))
    return [...checks, await keyStoreCheck(deps)]
  }
  checks.push(
    queue.failed > 0
      ? check(
          'queue',
          null,
          'warn',
          `The write journal holds ${queue.failed} failed job(s) and ${queue.pending} pending.`,
          'Run `plausible queue inspect` to see their last errors.',
        )
      : check('queue', null, 'ok', `The write journal holds ${queue.pending} pending job(s), none failed.`),
  )
  checks.push(workerLockCheck(queue.worker))
  const usageLock = await usageLockCheck(configDir)
  if (usageLock) checks.push(usageLock)
  // Counted on every run until the user acts: an unreadable job is work that was never delivered.
  if (queue.corrupt.files.length > 0)
    checks.push(
      check(
        'queue-corrupt',
        null,
        'warn',
        `${queue.corrupt.files.length} job file(s) of the write journal could not be read and wait in ${queue.corrupt.folder}: ${queue.corrupt.files.map((file) => file.name).join(', ')}.`,
        'Look inside; mend a file and run `plausible queue corrupt retry <name>` to send it, or drop it with `plausible queue corrupt delete <name>` (`--all` for every file).',
      ),
    )

  checks.push(await keyStoreCheck(deps))
  return checks
}

async function keyStoreCheck(deps: HandlerDeps): Promise<DoctorCheck> {
  const store = await deps.accounts.keyStore()
  if (!store)
    return check('keychain', null, 'warn', 'No key store is wired in this process.', 'Keys cannot be saved.')
  if (store.backend === 'keychain')
    return check('keychain', null, 'ok', 'Keys are kept in the OS keychain (through keytar).')
  return check(
    'keychain',
    null,
    'warn',
    `Keys are kept in ${store.backend === 'file' ? `0600 files${store.folder ? ` in ${store.folder}` : ''}` : 'memory only'}${store.note ? `: ${store.note}` : ''}.`,
    keyStoreHint(store.note),
  )
}

/** `config.json.corrupt-<time>`: where a config store set aside a config.json it could not read. */
function isConfigCopyName(name: string): boolean {
  return name.startsWith(`${configFileName}.corrupt-`)
}

/**
 * A config.json set aside is reported on every run, not only the one that moved it: the accounts it
 * held are missing from the config until they are restored (keys stay in the key store by alias).
 */
function configCopyCheck(path: string): DoctorCheck {
  return check(
    'config-copy',
    null,
    'warn',
    `A config.json that could not be read was set aside as ${path}; the accounts it held are not in the config now.`,
    `Restore them with \`plausible accounts import "${path}"\` (mend the file by hand first if it is not JSON; keys stay in the key store by alias), then delete the copy.`,
  )
}

function keyStoreHint(note: string | null): string {
  if (note?.includes('keytar'))
    return 'Install libsecret (Debian/Ubuntu: apt install libsecret-1-dev) and run `npm rebuild keytar` to use the keychain; the 0600 files work meanwhile.'
  if (note?.startsWith('PLAUSIBLE_SECRET_STORE'))
    return 'Unset PLAUSIBLE_SECRET_STORE to use the keychain when one answers.'
  return 'Start a Secret Service (GNOME Keyring, KWallet) in this session to keep keys in the keychain.'
}

/**
 * Who delivers the write journal. A lock nobody holds (its process gone, or the file unreadable after a
 * crash or a full disk) used to pass for one held, and the journal waited for good: named here.
 */
function workerLockCheck(worker: QueueWorkerView): DoctorCheck {
  const holder = lockHolderWords(worker.pid, worker.host, hostname())
  switch (worker.state) {
    case 'this-process':
      return check('queue-worker', null, 'ok', 'This process delivers the write journal.')
    case 'free':
      return check(
        'queue-worker',
        null,
        'ok',
        'Nobody delivers the write journal right now; the app or the next plausible command does.',
      )
    case 'held':
      return worker.host && worker.host !== hostname()
        ? check(
            'queue-worker',
            null,
            'warn',
            `The write journal is delivered by ${holder} (since ${worker.since ?? '?'}): the config folder is shared with another machine, and this one cannot tell whether that process still runs.`,
            `If Plausible Desktop no longer runs on ${worker.host}, delete ${worker.lock}; better, give each machine its own config folder.`,
          )
        : check(
            'queue-worker',
            null,
            'ok',
            `The write journal is delivered by ${holder} (since ${worker.since ?? '?'}).`,
          )
    case 'settling':
      return check(
        'queue-worker',
        null,
        'warn',
        `${worker.lock} is being written, or was cut short a moment ago.`,
        'Run `plausible doctor` again in a few seconds; a lock nobody holds is taken over by the next command.',
      )
    case 'stale':
      return check(
        'queue-worker',
        null,
        'warn',
        `Nobody delivers the write journal: ${worker.lock} ${staleLockWords(worker.reason, holder)}.`,
        `The next plausible command (or the app) takes it over and delivers the journal; if that does not happen, delete ${worker.lock}.`,
      )
  }
}

/** The ledger's lock is held for a millisecond at a time: one left by a process that is gone is named. */
async function usageLockCheck(configDir: string): Promise<DoctorCheck | null> {
  const lock = join(configDir, 'usage.json.lock')
  const status = await inspectFileLock(lock).catch(() => null)
  if (status?.state !== 'stale') return null
  const holder = status.holder ? `process ${status.holder.pid}` : 'a process'
  return check(
    'usage-lock',
    null,
    'warn',
    `${lock} ${staleLockWords(status.reason, holder)}.`,
    `The next request removes it without waiting; if requests still wait for it, delete ${lock}.`,
  )
}

async function usageFileCheck(configDir: string): Promise<DoctorCheck> {
  const path = join(configDir, 'usage.json')
  let text: string
  try {
    text = readLedgerText(path)
  } catch (error) {
    if (!isErrno(error, 'ENOENT')) {
      const failure = configDirError(configDir, namingFile(error, path))
      return check('usage-file', null, 'fail', failure.message, failure.hint)
    }
    return check(
      'usage-file',
      null,
      'ok',
      'usage.json does not exist yet (no request counted on this machine).',
    )
  }
  if (isJson(text) || isJson(await readAgain(path)))
    return check('usage-file', null, 'ok', 'usage.json (the shared budget ledger) reads cleanly.')
  return check(
    'usage-file',
    null,
    'fail',
    'usage.json is not valid JSON.',
    'The next request moves it aside and starts counting again; nothing else is needed.',
  )
}

/** As the ledger reads it: usage.json, or its `.prev` after a crash between the two renames of a write. */
function readLedgerText(path: string): string {
  return readReplacedFileSync(path).text
}

/**
 * The doctor reads without the ledger's lock, and the process that wrote the file last overwrites it in
 * place (ledger-file.ts): a read may meet a write halfway. A text that is not JSON is read once more, a
 * moment later, before it is called corrupt.
 */
async function readAgain(path: string): Promise<string> {
  await new Promise((resolve) => setTimeout(resolve, 20))
  try {
    return readLedgerText(path)
  } catch {
    return ''
  }
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text)
    return true
  } catch {
    return false
  }
}

async function accountChecks(deps: HandlerDeps, only: string | undefined): Promise<DoctorCheck[]> {
  // A named account that does not exist is the caller's mistake (ACCOUNT_NOT_FOUND), not a failed check.
  if (only) await deps.accounts.resolve(only)
  const aliases = only ? [only] : (await deps.accounts.list()).map((summary) => summary.alias)
  const checks: DoctorCheck[] = []
  for (const alias of aliases) checks.push(...(await checkAccount(deps, alias)))
  return checks
}

async function checkAccount(deps: HandlerDeps, alias: string): Promise<DoctorCheck[]> {
  const { connector, capabilities, budget, clock } = deps
  let connection
  try {
    connection = await connector.connect(alias, { priority: deps.priority, wait: false })
  } catch (error) {
    const failure = toPlausibleError(error)
    return [check('key', alias, 'fail', failure.message, failure.hint)]
  }
  const checks: DoctorCheck[] = []
  const baseUrl = connection.account.baseUrl

  // The health route takes no key, so it costs no budget (§1); its Date header gives the server's clock.
  const fetch: Fetch = deps.fetch ?? globalThis.fetch
  const sentAt = clock()
  let response: Response
  try {
    response = await fetch(`${baseUrl}/api/health`, { signal: AbortSignal.timeout(10_000) })
  } catch (error) {
    if (error instanceof PlausibleError) throw error // --dry-run: the request is described, not sent
    checks.push(
      check(
        'reachability',
        alias,
        'fail',
        `${baseUrl} could not be reached (${error instanceof Error ? error.message : 'no answer'}).`,
        'Check the network and the base URL of the account.',
      ),
    )
    return checks
  }
  const receivedAt = clock()
  checks.push(
    response.ok
      ? check('reachability', alias, 'ok', `${baseUrl} answered in ${receivedAt - sentAt} ms.`)
      : check(
          'reachability',
          alias,
          'warn',
          `${baseUrl}/api/health answered HTTP ${response.status}.`,
          'The server is up but its health route failed; check its status page or logs.',
        ),
  )
  checks.push(clockCheck(alias, response.headers.get('date'), (sentAt + receivedAt) / 2))

  try {
    const report = await capabilities.probe(connection)
    const isRefused = report.keyKind === 'invalid'
    checks.push(
      check(
        'capabilities',
        alias,
        isRefused ? 'fail' : report.rateLimitedUntil ? 'warn' : 'ok',
        report.sentences.join(' '),
        isRefused
          ? `Replace the key with \`plausible accounts rotate ${alias}\`.`
          : 'Run `plausible doctor` again after the reset.',
      ),
    )
  } catch (error) {
    const failure = toPlausibleError(error)
    if (failure.code === 'DRY_RUN') throw failure
    checks.push(check('capabilities', alias, 'fail', failure.message, failure.hint))
  }

  let snapshot
  try {
    snapshot = await budget.snapshot(connector.budgetOf(connection.account))
  } catch (error) {
    // The ledger cannot be read: usage.json (CONFIG_DIR, naming it) or an unreachable Redis (NETWORK).
    const failure = toPlausibleError(asConfigDirError(deps.configDir, error))
    checks.push(check('budget', alias, 'fail', failure.message, failure.hint))
    return checks
  }
  const isPaused = snapshot.pausedUntil !== null
  const isLow = snapshot.remainingThisHour < Math.ceil(snapshot.hourlyLimit / 10)
  checks.push(
    check(
      'budget',
      alias,
      isPaused || isLow ? 'warn' : 'ok',
      isPaused
        ? `Paused after a 429 until ${snapshot.pausedUntil ?? ''}.`
        : `${snapshot.remainingThisHour} of ${snapshot.hourlyLimit} requests left this hour; resets ${snapshot.resetsAt.slice(11, 16)} UTC.`,
      `Requests wait for ${snapshot.resetsAt.slice(11, 16)} UTC; raise the limit with \`plausible accounts budget ${alias}\` if the server allows more.`,
    ),
  )
  return checks
}

function clockCheck(alias: string, dateHeader: string | null, localMs: number): DoctorCheck {
  const serverMs = dateHeader ? Date.parse(dateHeader) : Number.NaN
  if (Number.isNaN(serverMs))
    return check(
      'clock',
      alias,
      'warn',
      'The server sent no Date header, so the clock could not be compared.',
      'Keep this machine synchronised (NTP): the budget counts UTC hours.',
    )
  // The header has whole seconds: up to a second of difference is the header's rounding.
  const skewMs = Math.round(localMs - serverMs - 500)
  const size = Math.abs(skewMs)
  const words = `This clock is ${(size / 1000).toFixed(1)} s ${skewMs >= 0 ? 'ahead of' : 'behind'} the server's.`
  const status: CheckStatus = size > skewFailMs ? 'fail' : size > skewWarnMs ? 'warn' : 'ok'
  return check(
    'clock',
    alias,
    status,
    words,
    'Synchronise the clock (NTP): the budget counts UTC hours, and a skewed clock misjudges when the hour resets.',
  )
}
