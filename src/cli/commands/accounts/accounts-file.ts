// Reads the accounts of a file for `plausible accounts import`: what `accounts export` printed, or a
// config.json (a copy the config store set aside because it could not read it included). Entries that do
// not describe an account are left out one by one, each with its reason, so one bad entry does not cost
// the others.
import { ImportedAccount } from '../../../shared/contract'
import { PlausibleError } from '../../../shared/errors'

export interface AccountsFile {
  accounts: ImportedAccount[]
  /** The file's default: its `defaultAccount`, or the export's account marked `isDefault`. */
  defaultAccount: string | null
  /** Entries left out: the alias when there is one (else `#<position>`) and why. */
  skipped: Array<{ entry: string; reason: string }>
}

export function readAccountsFile(text: string, file: string): AccountsFile {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (error) {
    throw new PlausibleError('USAGE', {
      message: `${file} is not JSON (${error instanceof Error ? error.message : 'unreadable'}).`,
      hint: 'A config.json set aside may be cut short: mend it by hand (the "accounts" list is what counts), then run the command again.',
    })
  }
  const entries = isObject(value) && Array.isArray(value.accounts) ? (value.accounts as unknown[]) : null
  if (!isObject(value) || !entries)
    throw new PlausibleError('USAGE', {
      message: `${file} has no "accounts" list.`,
      hint: 'Give a file written by `plausible accounts export`, or a config.json.',
    })
  const accounts: ImportedAccount[] = []
  const skipped: AccountsFile['skipped'] = []
  let marked: string | null = null
  entries.forEach((entry, index) => {
    const name = isObject(entry) && typeof entry.alias === 'string' ? entry.alias : `#${index + 1}`
    const parsed = ImportedAccount.safeParse(entry)
    if (!parsed.success) {
      const issue = parsed.error.issues[0]
      const where = issue?.path.join('.') || 'the entry'
      skipped.push({ entry: name, reason: `${where}: ${issue?.message ?? 'not an account'}` })
      return
    }
    accounts.push(parsed.data)
    if (isObject(entry) && entry.isDefault === true) marked ??= parsed.data.alias
  })
  const named = typeof value.defaultAccount === 'string' ? value.defaultAccount : null
  return { accounts, defaultAccount: named ?? marked, skipped }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
