// The privacy rules of CLI usage analytics (issue 18), shared by `plausible track` and `events import
// --from cli-events`: what of a command line may leave the machine. Never an argument's value, a path,
// an e-mail, a token or an environment variable: only the tool's name, the words of its command path,
// the names of its flags (less those named like secrets), its exit class, a duration bucket, whether it
// ran in CI, and the class of its error.

/** Flags whose very name says they carry a secret: dropped, name and all. */
const secretFlag = /token|passw(or)?d|passwd|secret|key|credential|auth|cookie|session/i

/** A flag name worth keeping: a dash or two, a letter, then letters, digits and dashes (no value). */
const flagShape = /^--?[A-Za-z][A-Za-z0-9-]{0,39}$/

/** A command-path word: lower-case letters with inner dashes or underscores, as subcommands are named. */
const commandWord = /^[a-z][a-z_-]{0,23}$/

/** The flag names of a command line, sorted and unique: `--out=x` is `--out`, `-abc` is `-a -b -c`. */
export function flagNamesOf(args: readonly string[]): string[] {
  const names = new Set<string>()
  for (const arg of args) {
    if (arg === '--') break
    if (!arg.startsWith('-') || arg === '-') continue
    if (arg.startsWith('--')) names.add(arg.split('=')[0]!)
    // Short flags may be bundled (-xvf) or carry their value (-p3000): only their letters are names.
    else for (const letter of arg.slice(1).match(/^[A-Za-z]+/)?.[0] ?? '') names.add(`-${letter}`)
  }
  return keptFlags([...names])
}

/** Flag names as a tool reported them (flags_present): well formed, none named like a secret. */
export function keptFlags(flags: readonly string[]): string[] {
  const kept = flags
    .map((flag) => (flag.startsWith('-') ? flag : `--${flag}`).split('=')[0]!)
    .filter((flag) => flagShape.test(flag) && !secretFlag.test(flag))
  return [...new Set(kept)].sort()
}

/** The words of a command path, up to the first that does not look like a subcommand's name. */
export function commandPathOf(words: readonly string[]): string[] {
  const path: string[] = []
  for (const word of words) {
    if (!commandWord.test(word) || secretFlag.test(word)) break
    path.push(word)
  }
  return path
}

/**
 * A tool's name from the program it ran: the file's base name, when it reads as a name (a path's
 * folders never leave; `./build.sh` is `build.sh`).
 */
export function toolNameOf(program: string): string {
  const base = program.split(/[\\/]/).pop() ?? ''
  return /^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/.test(base) ? base : 'unknown'
}

/** A version as short as the server keeps props: digits, letters, dots, dashes and pluses. */
export function versionOf(version: string | undefined): string | null {
  return version !== undefined && /^[0-9A-Za-z.+-]{1,32}$/.test(version) ? version : null
}

/**
 * An error's text reduced to its class: the first word when it is a name of letters and underscores
 * (TimeoutError, ENOENT, network_error), else `other`. Whatever follows — a path, an e-mail, a token,
 * a value — is never kept.
 */
export function errorClassOf(text: string | null | undefined): string | null {
  if (text === null || text === undefined || text.trim() === '') return null
  const first = text.trim().split(/[\s:(]/)[0] ?? ''
  return /^[A-Za-z][A-Za-z_]{0,38}[A-Za-z]$/.test(first) && !secretFlag.test(first) ? first : 'other'
}

/** How an exit code is sent: success, failure, not-executable (126), not-found (127), signal (128+). */
export function exitClassOf(code: number): string {
  if (code === 0) return 'success'
  if (code === 126) return 'not-executable'
  if (code === 127) return 'not-found'
  if (code > 128) return 'signal'
  return 'failure'
}

/** A duration as a bucket: <1s, 1-10s, 10s-1m, 1-10m, >10m (each lower edge belongs to its bucket). */
export function durationBucketOf(ms: number): string {
  if (ms < 1_000) return '<1s'
  if (ms < 10_000) return '1-10s'
  if (ms < 60_000) return '10s-1m'
  if (ms < 600_000) return '1-10m'
  return '>10m'
}
