// zod turns an object schema's checks into generated code (new Function) the first time it parses. That
// pays off in a process that parses the same shapes thousands of times, and is pure cost for a command
// that parses each shape once or twice: the code cache (code-cache.ts) cannot keep generated code, so
// every run compiled those parsers again (about 10 ms of a `stats aggregate`). A short command has zod
// walk its schemas instead: the same checks and the same errors, decided before the action builds any.

/** Commands that serve, or parse line after line, keep zod's generated parsers. */
const parsesInBulk = new Set(['ui', 'mcp', 'sandbox', 'metrics', 'events import', 'queue drain'])

/** Whether `command` (its words after `plausible`: `stats aggregate`) parses few enough to interpret. */
export function parsesFewSchemas(command: string): boolean {
  const [group = '', name] = command.split(' ')
  return !parsesInBulk.has(group) && !parsesInBulk.has(`${group} ${name ?? ''}`)
}

/**
 * zod's `config({ jitless: true })`, through the object zod keeps its config in on globalThis (so that
 * copies of zod share it): a command that builds no schema (help, completion) loads no zod for it. A test
 * checks that zod's own config() reads it.
 */
export function interpretSchemas(): void {
  const holder = globalThis as { __zod_globalConfig?: { jitless?: boolean } }
  ;(holder.__zod_globalConfig ??= {}).jitless = true
}
