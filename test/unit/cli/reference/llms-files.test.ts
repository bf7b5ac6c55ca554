// llms.txt and llms-full.txt at the repository root are generated from the command definitions; this
// test regenerates them and fails when the committed files differ (UPDATE_LLMS=1 rewrites them).
import { readFileSync, writeFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { renderLlmsFull } from '../../../../src/cli/reference/llms'
import { llmsTxtMaxBytes, renderLlms } from '../../../../src/cli/reference/llms-txt'
import { describedProgram } from '../../../helpers/described-program'

const root = resolve(__dirname, '../../../..')
const refresh = 'UPDATE_LLMS=1 npx vitest run test/unit/cli/reference/llms-files.test.ts'
const program = describedProgram()

const files = [
  { name: 'llms.txt', text: renderLlms(program) },
  { name: 'llms-full.txt', text: await renderLlmsFull(program) },
]

describe('the committed agent references', () => {
  it.each(files)('$name is what the command definitions generate today', ({ name, text }) => {
    const path = resolve(root, name)
    if (process.env.UPDATE_LLMS === '1') writeFileSync(path, text)
    const committed = readFileSync(path, 'utf8')
    expect(
      committed === text,
      `${name} is out of date with the command definitions: run \`${refresh}\` and commit ${name}`,
    ).toBe(true)
  })

  it('keeps llms.txt within 8 KB, so it fits a context window beside the question', () => {
    expect(llmsTxtMaxBytes).toBe(8192)
    const bytes = Buffer.byteLength(renderLlms(program))
    expect(
      bytes,
      `llms.txt is ${bytes} bytes: shorten a summary or a flag's name, or leave a detail to llms-full.txt`,
    ).toBeLessThanOrEqual(llmsTxtMaxBytes)
  })
})
