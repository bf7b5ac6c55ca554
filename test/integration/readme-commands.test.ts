// Every `plausible` line of the README's sh blocks, run as written against the built CLI: each block in
// a fresh config folder (the Demo account) and a working folder holding the files the lines name. Only
// what cannot work here is substituted: plausible.io and plausible.example.com become local sandboxes
// (cloud and CE), the Redis URL a redis-server of the test's own; $PLAUSIBLE_KEY is the sandboxes' key.
// A line must exit 0, or the code its comment documents as "(exit N)", and print any JSON field its
// comment quotes (`"sharedThrough": "redis"`). Lines that serve until stopped (sandbox, ui) are started
// and stopped once they print their URL. npm and redis-server lines are not run here (the newcomer test
// runs npm; this test starts its own Redis); any other line that is not a plausible command fails, so a
// new kind of line is noticed.
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startSandbox, type RunningSandbox } from '../../src/core/sandbox'
import { plausibleOnPath, runShell, startShell } from '../helpers/shell-cli'
import { cliPath, tempConfigDir } from '../helpers/spawn-cli'
import { startRedis, type RedisServer } from './budget-support'

const readme = readFileSync(resolve(__dirname, '../../README.md'), 'utf8')

/** The files README lines read, as a user would have them. */
const workingFiles: Record<string, string> = {
  'query.json': '{"site_id":"shop.example.com","metrics":["visitors","pageviews"],"date_range":"7d"}\n',
  'order.json':
    '{"name":"Purchase","url":"https://shop.example.com/checkout/done","domain":"shop.example.com","props":{"order":"1042"}}\n',
  // One good event and one bad line: the import reports it and exits 8, as the README says.
  'events.ndjson':
    '{"name":"pageview","url":"https://shop.example.com/","domain":"shop.example.com"}\nnot json\n',
}

/** Programs README lines may run that this test does not: npm (the newcomer test), and Redis itself. */
const notRunHere = ['npm', 'redis-server']

function isNotRunHere(command: string): boolean {
  return notRunHere.includes(command.split(/\s+/)[0] ?? '')
}

/** `"sharedThrough": "redis"` in a comment: a field the line's JSON output must hold. */
function documentedFields(comment: string): string[] {
  return [...comment.matchAll(/"\w+": (?:"[^"]*"|\d+|true|false|null)/g)].map((match) =>
    match[0].replace(': ', ':'),
  )
}

/** Commands that serve until stopped. */
const serving = ['sandbox', 'ui']

interface ReadmeLine {
  block: number
  text: string
  command: string
  expectedExit: number
  /** JSON fields the comment quotes, compact: `"sharedThrough":"redis"`. */
  fields: string[]
}

function shBlocks(markdown: string): string[][] {
  return [...markdown.matchAll(/^```sh\n([\s\S]*?)^```$/gm)].map((match) =>
    (match[1] ?? '').split('\n').filter((line) => line.trim() !== ''),
  )
}

/** `plausible x   # a comment (exit 8)` → the command and the comment; a # inside quotes stays. */
function splitComment(line: string): { command: string; comment: string } {
  let quote: string | null = null
  for (let index = 0; index < line.length; index++) {
    const char = line[index]
    if (quote) {
      if (char === quote) quote = null
    } else if (char === '"' || char === "'") quote = char
    else if (char === '#' && (index === 0 || /\s/.test(line[index - 1] ?? ''))) {
      return { command: line.slice(0, index).trimEnd(), comment: line.slice(index + 1).trim() }
    }
  }
  return { command: line.trimEnd(), comment: '' }
}

/** True when the line runs plausible: at its start, after `VAR=value`s, or after a pipe. */
function runsPlausible(command: string): boolean {
  return /(^|\|\s*)(\w+=\S*\s+)*plausible\s/.test(command)
}

const lines: ReadmeLine[] = shBlocks(readme).flatMap((block, index) =>
  block.map((text) => {
    const { command, comment } = splitComment(text)
    const exit = /\(exit (\d+)\)/.exec(comment)
    return {
      block: index,
      text,
      command,
      expectedExit: exit ? Number(exit[1]) : 0,
      fields: documentedFields(comment),
    }
  }),
)

let cloud: RunningSandbox
let ce: RunningSandbox
let redis: RedisServer
let bin: string

beforeAll(async () => {
  if (!existsSync(cliPath)) throw new Error(`${cliPath} is missing: run \`npx electron-vite build\` first`)
  ;[cloud, ce, redis] = await Promise.all([startSandbox(), startSandbox({ mode: 'ce' }), startRedis()])
  bin = plausibleOnPath()
})

afterAll(async () => {
  await Promise.all([cloud?.close(), ce?.close(), redis?.stop()])
})

function substituted(command: string): string {
  return command
    .replaceAll('https://plausible.io', cloud.baseUrl)
    .replaceAll('https://plausible.example.com', ce.baseUrl)
    .replaceAll('redis://127.0.0.1:6379', redis.url)
}

describe('the README', () => {
  it('starts with the two commands of a new user, and has plausible lines for this test to run', () => {
    const [first] = shBlocks(readme)
    expect(first?.slice(0, 2).map((line) => splitComment(line).command)).toEqual([
      'npm ci && npm start',
      'npm ci && npm test',
    ])
    expect(lines.filter((line) => runsPlausible(line.command)).length).toBeGreaterThan(25)
  })

  it('reads comments, documented exit codes and plausible commands the way the runner needs', () => {
    expect(splitComment('plausible events import e.ndjson --dry-run   # bad lines (exit 8)')).toEqual({
      command: 'plausible events import e.ndjson --dry-run',
      comment: 'bad lines (exit 8)',
    })
    expect(splitComment('plausible stats x --filter "a#b"')).toEqual({
      command: 'plausible stats x --filter "a#b"',
      comment: '',
    })
    expect(runsPlausible('printf %s "$K" | plausible accounts add x --key-stdin')).toBe(true)
    expect(runsPlausible('PLAUSIBLE_SECRET_STORE=file plausible accounts list')).toBe(true)
    expect(runsPlausible('redis-server --port 6379')).toBe(false)
    expect(runsPlausible('npm ci && npm test')).toBe(false)
    expect(documentedFields('"sharedThrough": "redis", the hour; "n": 3')).toEqual([
      '"sharedThrough":"redis"',
      '"n":3',
    ])
  })
})

for (const [index, block] of shBlocks(readme).entries()) {
  const blockLines = lines.filter(
    (line) => line.block === index && !(isNotRunHere(line.command) && !runsPlausible(line.command)),
  )
  if (blockLines.length === 0) continue
  describe(`README sh block ${index + 1} (${block[0]?.slice(0, 50)}…)`, () => {
    let cwd: string
    const env: Record<string, string> = {}

    beforeAll(() => {
      cwd = mkdtempSync(join(tmpdir(), 'plausible-readme-'))
      for (const [name, text] of Object.entries(workingFiles)) writeFileSync(join(cwd, name), text)
      Object.assign(env, {
        PLAUSIBLE_CONFIG_DIR: tempConfigDir(),
        // Not the app this machine may run: each block has its own core.
        PLAUSIBLE_NO_APP: '1',
        // Keys go to the block's folder, never into the keychain of whoever runs the tests.
        PLAUSIBLE_SECRET_STORE: 'file',
        PLAUSIBLE_KEY: cloud.apiKey,
        // `plausible ui` opens its URL with $BROWSER: a program that does nothing.
        BROWSER: 'true',
      })
    })

    for (const line of blockLines) {
      const exported = /^export (\w+)=(\S+)$/.exec(line.command)
      if (exported) {
        it(`sets ${exported[1]} for the lines after it`, () => {
          env[exported[1]!] = substituted(exported[2]!)
        })
        continue
      }
      it(`runs \`${line.text}\``, async () => {
        expect(runsPlausible(line.command), `not a plausible command this test knows: ${line.text}`).toBe(
          true,
        )
        const command = substituted(line.command)
        const verb = /^plausible (\S+)/.exec(command)?.[1]
        if (verb && serving.includes(verb)) {
          const running = await startShell(command, /http:\/\/127\.0\.0\.1:\d+/, {
            bin,
            cwd,
            env,
            timeoutMs: 30_000,
          })
          await running.stop()
          return
        }
        const result = await runShell(command, { bin, cwd, env, timeoutMs: 60_000 })
        expect(result.code, `${line.text}\n${result.stderr}`).toBe(line.expectedExit)
        for (const field of line.fields) expect(result.stdout, line.text).toContain(field)
      }, 90_000)
    }
  })
}
