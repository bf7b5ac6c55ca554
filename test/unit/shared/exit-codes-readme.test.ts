// The README's exit-code table is what scripts branch on, so it must say what the CLI does: one row per
// exit code of src/shared/errors.ts, its meaning as exitCodeMeanings words it (llms.txt says the same),
// every error code listed in the row of the exit code it ends with, and every command that sets an exit
// code itself (doctor, events import…) named in that row. A drift on either side fails here.
import { readFileSync, readdirSync } from 'node:fs'
import { join, relative, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { errorCatalog, exitCodeMeanings, exitCodes, type ErrorCode } from '../../../src/shared/errors'

const root = resolve(__dirname, '../../..')

interface Row {
  exit: string
  meaning: string
  codes: string[]
}

/** The table whose header starts with "exit code": its rows, cell by cell. */
function exitCodeTable(markdown: string): { header: string[]; rows: Row[] } {
  const lines = markdown.split('\n')
  const start = lines.findIndex((line) => /^\|\s*exit code\s*\|/.test(line))
  if (start === -1) throw new Error('README.md has no table starting with "| exit code |"')
  const cells = (line: string) =>
    line
      .trim()
      .replace(/^\||\|$/g, '')
      .split('|')
      .map((cell) => cell.trim())
  const body: string[] = []
  for (const line of lines.slice(start + 2)) {
    if (!line.trim().startsWith('|')) break
    body.push(line)
  }
  return {
    header: cells(lines[start]!),
    rows: body.map((line) => {
      const [exit = '', meaning = '', codes = ''] = cells(line)
      return {
        exit,
        meaning,
        codes: codes === '—' ? [] : codes.split(',').map((code) => code.trim().replace(/`/g, '')),
      }
    }),
  }
}

/** Commands that set `process.exitCode = exitCodes.<name>` themselves, as their words (`events import`). */
function commandsSettingExitCodes(): Array<{ command: string; name: keyof typeof exitCodes }> {
  const folder = join(root, 'src/cli/commands')
  const found: Array<{ command: string; name: keyof typeof exitCodes }> = []
  for (const file of readdirSync(folder, { recursive: true, encoding: 'utf8' })) {
    if (!file.endsWith('.ts')) continue
    const source = readFileSync(join(folder, file), 'utf8')
    // A command's action lives in <verb>-action.ts beside its registration (<verb>.ts); a command
    // without subcommands may sit in a folder of its name (report/report-action.ts is `report`).
    const words = relative('.', file)
      .replace(/(-action)?\.ts$/, '')
      .split(/[\\/]/)
    if (words.length > 1 && words.at(-1) === words.at(-2)) words.pop()
    const command = words.join(' ')
    for (const match of source.matchAll(/process\.exitCode\s*=\s*exitCodes\.(\w+)/g))
      found.push({ command, name: match[1] as keyof typeof exitCodes })
  }
  return found
}

const table = exitCodeTable(readFileSync(join(root, 'README.md'), 'utf8'))
const entries = Object.entries(exitCodes) as Array<[keyof typeof exitCodes, number]>
const rowOf = (exit: number): Row | undefined => table.rows.find((row) => row.exit === String(exit))

describe("the README's exit-code table", () => {
  it('has the columns exit code, meaning and error codes', () => {
    expect(table.header).toEqual(['exit code', 'meaning', 'error codes'])
  })

  it('has one row per exit code of the CLI, in order, and no other row', () => {
    expect(table.rows.map((row) => row.exit)).toEqual(entries.map(([, exit]) => String(exit)))
  })

  it.each(entries)('says what exit code %s (%i) means, in the words of exitCodeMeanings', (name, exit) => {
    expect(rowOf(exit)?.meaning).toBe(exitCodeMeanings[name])
  })

  it.each(entries)('lists every error code that ends with %s (%i), and only those', (_name, exit) => {
    const codes = (Object.keys(errorCatalog) as ErrorCode[]).filter(
      (code) => errorCatalog[code].exit === exit,
    )
    expect([...(rowOf(exit)?.codes ?? [])].sort()).toEqual([...codes].sort())
  })

  it('names each command that sets an exit code itself in that exit code’s row', () => {
    const setters = commandsSettingExitCodes()
    // The scan finds the known ones, so a changed spelling cannot make this test pass empty.
    expect(setters.map(({ command }) => command)).toEqual(expect.arrayContaining(['doctor', 'events import']))
    for (const { command, name } of setters)
      expect(rowOf(exitCodes[name])?.meaning, `${command} sets exit code ${name}`).toContain(`\`${command}`)
  })
})
