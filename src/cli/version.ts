// `plausible --version`: answered before the command tree loads, the same text commander prints.

/** Injected by the build (electron.vite.config.ts): the package version and the commit. */
declare const __APP_VERSION__: string | undefined

/** `0.1.0 (5ca6756)` from a build; `dev` when the sources run unbuilt (tests). */
export function versionText(): string {
  return typeof __APP_VERSION__ === 'string' ? __APP_VERSION__ : 'dev'
}

/**
 * `plausible --version` or `plausible -V` and nothing else: the entry prints the version without loading
 * commander. Any other command line (another flag beside it, a command) goes through commander as before.
 */
export function isVersionRequest(argv: readonly string[]): boolean {
  return argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V')
}
