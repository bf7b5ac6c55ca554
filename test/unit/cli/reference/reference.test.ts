import { execFileSync } from 'node:child_process'
import { describe, expect, it } from 'vitest'
import { commandTree, describedCommandTree } from '../../../../src/cli/reference/command-tree'
import { completionScript } from '../../../../src/cli/reference/completion'
import { renderExamples, renderLlmsFull } from '../../../../src/cli/reference/llms'
import { errorCodes } from '../../../../src/shared/errors'
import { describedProgram } from '../../../helpers/described-program'

const program = describedProgram()
const tree = commandTree(program)

describe('the generated reference', () => {
  it('gives every command a summary and at least one example', () => {
    for (const command of tree) {
      expect(command.summary, command.path).not.toBe('')
      expect(command.examples.length, command.path).toBeGreaterThan(0)
      for (const example of command.examples)
        expect(example.command, command.path).toMatch(/(^|\| )plausible /)
    }
  })

  it('describes every command, flag and error code in llms-full.txt', async () => {
    const text = await renderLlmsFull(program)
    for (const command of tree) {
      expect(text).toContain(`## plausible ${command.path}\n`)
      for (const option of command.options)
        expect(text, `${command.path} ${option.flags}`).toContain(`\`${option.flags}\``)
    }
    for (const code of errorCodes) expect(text).toContain(`- ${code} (exit `)
  })

  it('documents the JSON output of every command that calls the API', async () => {
    for (const command of (await describedCommandTree(program)).filter((entry) => entry.callsApi)) {
      expect(command.outputSchema, command.path).toMatchObject({ type: 'object' })
    }
  })

  it('lists every curated example in help --examples', () => {
    const text = renderExamples(program)
    for (const command of tree)
      for (const example of command.examples) expect(text).toContain(example.command)
  })

  it('completes every command and long option in bash, and the script parses', () => {
    const script = completionScript(program, 'bash')
    for (const command of tree) {
      for (const option of command.options)
        if (option.long) expect(script, command.path).toContain(option.long)
    }
    expect(() => execFileSync('bash', ['-n'], { input: script })).not.toThrow()
  })

  it('writes zsh and fish scripts that name every command', () => {
    for (const shell of ['zsh', 'fish'] as const) {
      const script = completionScript(program, shell)
      for (const command of tree)
        expect(script, `${shell} ${command.path}`).toContain(command.path.split(' ').at(-1)!)
    }
  })
})
