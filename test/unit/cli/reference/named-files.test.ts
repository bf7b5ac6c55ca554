// No text a user reads names a file the user does not have: the project's own notes (plausible-api.md
// and its § sections, design.md…) are for developers. Checks every string in src/ (comments may cite
// them), and what the CLI prints: each command's help, the examples, llms.txt, llms-full.txt, the
// error catalog.
import { readdirSync, readFileSync } from 'node:fs'
import { join, relative, resolve } from 'node:path'
import { PassThrough } from 'node:stream'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'
import { runCli } from '../../../../src/cli/program'
import { commandTree } from '../../../../src/cli/reference/command-tree'
import { renderExamples, renderLlmsFull } from '../../../../src/cli/reference/llms'
import { renderLlms } from '../../../../src/cli/reference/llms-txt'
import { errorCatalog } from '../../../../src/shared/errors'
import { describedProgram, describingContext } from '../../../helpers/described-program'

const srcDir = resolve(__dirname, '../../../../src')

/** A Markdown file's name or a section sign: how the developers' notes are cited. */
const notesReference = /[\w.-]+\.md\b|§/

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) return sourceFiles(path)
    return /\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [path] : []
  })
}

/** Every string literal, template piece and JSX text of a file, with its line. */
function stringsOf(path: string): Array<{ line: number; text: string }> {
  const source = ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.Latest, true)
  const found: Array<{ line: number; text: string }> = []
  const visit = (node: ts.Node): void => {
    if (
      ts.isStringLiteral(node) ||
      ts.isNoSubstitutionTemplateLiteral(node) ||
      ts.isTemplateHead(node) ||
      ts.isTemplateMiddle(node) ||
      ts.isTemplateTail(node) ||
      ts.isJsxText(node)
    )
      found.push({ line: source.getLineAndCharacterOfPosition(node.getStart()).line + 1, text: node.text })
    ts.forEachChild(node, visit)
  }
  visit(source)
  return found
}

async function helpOf(path: string): Promise<string> {
  const stdout = new PassThrough()
  let text = ''
  stdout.on('data', (chunk: Buffer) => (text += chunk.toString()))
  const code = await runCli(describingContext({ stdout, stderr: new PassThrough() }), [
    ...path.split(' '),
    '--help',
  ])
  expect(code, path).toBe(0)
  return text
}

describe('texts users read', () => {
  it('finds strings in a file and the scan catches a cited note (the test can fail)', () => {
    expect(notesReference.test('listed in plausible-api.md §4')).toBe(true)
    expect(notesReference.test('`plausible stats --help` lists the metrics')).toBe(false)
    const strings = stringsOf(resolve(srcDir, 'shared/errors.ts')).map((entry) => entry.text)
    expect(strings).toContain('Run `plausible accounts list` to see the configured aliases.')
  })

  it('name no notes file in any string of src/ (comments may)', () => {
    const offenders = sourceFiles(srcDir).flatMap((path) =>
      stringsOf(path)
        .filter((entry) => notesReference.test(entry.text))
        .map((entry) => `${relative(srcDir, path)}:${entry.line}: ${entry.text}`),
    )
    expect(offenders).toEqual([])
  }, 30_000)

  it('name no notes file in the error catalog, the help of any command, or the references', async () => {
    const program = describedProgram()
    const texts: Array<[string, string]> = [
      ['llms.txt', renderLlms(program)],
      ['llms-full.txt', await renderLlmsFull(program)],
      ['help --examples', renderExamples(program)],
      ...Object.entries(errorCatalog).map(([code, entry]): [string, string] => [
        code,
        `${entry.message} ${entry.hint}`,
      ]),
    ]
    const paths = new Set(commandTree(program).map((command) => command.path))
    for (const command of program.commands) paths.add(command.name())
    for (const path of paths) texts.push([`${path} --help`, await helpOf(path)])
    const offenders = texts.filter(([, text]) => notesReference.test(text)).map(([where]) => where)
    expect(offenders).toEqual([])
    expect(texts.length).toBeGreaterThan(60)
  }, 30_000)
})
