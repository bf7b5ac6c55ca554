import { Command, Option } from 'commander'
import { describe, expect, it } from 'vitest'
import { describeCommand } from '../../../../src/cli/command-meta'
import { commandTree } from '../../../../src/cli/reference/command-tree'
import { renderLlms } from '../../../../src/cli/reference/llms-txt'
import { workedQuestions } from '../../../../src/cli/reference/worked-questions'
import { exitCodeMeanings, exitCodes } from '../../../../src/shared/errors'
import {
  eventDimensions,
  metrics,
  timeDimensions,
  visitDimensions,
} from '../../../../src/shared/plausible/vocabulary'
import { describedProgram } from '../../../helpers/described-program'

const program = describedProgram()
const text = renderLlms(program)

function section(title: string): string {
  const start = text.indexOf(`\n## ${title}\n`)
  expect(start, title).toBeGreaterThan(0)
  const end = text.indexOf('\n## ', start + 1)
  return text.slice(start, end < 0 ? undefined : end)
}

describe('llms.txt', () => {
  it('names every command: on its own line, or under its group line', () => {
    const commands = section('Commands')
    for (const command of commandTree(program)) {
      const [group, ...rest] = command.path.split(' ')
      const alone = new RegExp(`\\n- ${command.path}( |\\n)`).test(commands)
      const grouped =
        new RegExp(`\\n- ${group}( \\(each: [^)]*\\))?: `).test(commands) &&
        new RegExp(`\\n  - ${rest.join(' ')}( |\\n)`).test(commands)
      // A group of brief commands: one line naming them, `…` for their flags left to llms-full.txt.
      const brief =
        command.isBrief &&
        new RegExp(`\\n- ${group} ([a-z-]+\\|)*${rest.join(' ')}(\\|[a-z-]+)* …: `).test(commands)
      expect(alone || grouped || brief, command.path).toBe(true)
    }
  })

  it('names a brief command without its flags, and leaves its flags out of the families', () => {
    const commands = section('Commands')
    expect(commands).toContain('\n- report … — Site reports.\n')
    expect(commands).toContain('\n- report-schedule add|list|remove|run …: Scheduled reports.\n')
    // A brief command inside a group of full ones: its arguments, then the mark.
    expect(commands).toContain('\n  - import <file> …\n')
    expect(commands).not.toContain('--all-accounts')
    expect(commands).not.toContain('--workflows')
  })

  it('marks required flags, names flag families once, and puts the flags a whole group takes on its line', () => {
    const commands = section('Commands')
    expect(commands).toContain('\n- stats (each: +common): Read stats')
    expect(commands).toContain(
      '\n  - breakdown --site <domain>! --dimension <name>! --limit <n> --page <n> +period\n',
    )
    expect(commands).toContain('\n- goals (each: --site <domain>! +common): ')
    expect(commands).toContain(
      '\n- `+common`: --account <alias> --base-url <url> --hourly-limit <n> --no-wait --dry-run +json\n',
    )
    expect(commands).toContain(
      '\n- `+period`: --period <period> --date <YYYY-MM-DD> --from <YYYY-MM-DD> --to <YYYY-MM-DD> --metric <name> --filter <expr> --compare <previous_period|year_over_year>\n',
    )
  })

  it('puts every metric in exactly one rule line', () => {
    const lines = section('Metrics and dimensions')
      .split('\n')
      .filter((line) => line.startsWith('- `') && line.includes('`: '))
    for (const metric of metrics) {
      const holders = lines.filter((line) => line.includes(`\`${metric}\``))
      expect(holders, metric).toHaveLength(1)
    }
    expect(lines).toContain(
      '- `conversion_rate`, `group_conversion_rate`: need an event:goal filter or dimension.',
    )
    expect(lines).toContain('- `views_per_visit`: session metric; no dimensions and no event:page filter.')
  })

  it('lists every event, visit and time dimension', () => {
    const vocabulary = section('Metrics and dimensions')
    for (const dimension of [...eventDimensions, ...visitDimensions, ...timeDimensions]) {
      const name =
        dimension.includes(':') && !dimension.startsWith('time') ? dimension.split(':')[1]! : dimension
      expect(vocabulary, dimension).toMatch(new RegExp(`[ :]${name}[,.]`))
    }
    expect(vocabulary).toContain('event:props:<name>')
  })

  it('gives every exit code with its meaning from the error vocabulary', () => {
    const exits = section('Exit codes')
    for (const [name, code] of Object.entries(exitCodes) as Array<[keyof typeof exitCodes, number]>)
      expect(exits).toContain(`\n- ${code} ${exitCodeMeanings[name]}\n`)
  })

  it('shows three worked questions whose flags each command takes', () => {
    expect(workedQuestions).toHaveLength(3)
    const tree = commandTree(program)
    for (const worked of workedQuestions) {
      expect(text).toContain(`${worked.question}\n\`\`\`sh\n${worked.commands.join('\n')}\n\`\`\``)
      for (const line of worked.commands) {
        const command = tree.find((entry) => line.startsWith(`plausible ${entry.path} `))
        expect(command, line).toBeDefined()
        for (const flag of line.match(/ --[a-z-]+/g) ?? [])
          expect(
            command!.options.map((option) => option.long),
            `${line}: ${flag}`,
          ).toContain(flag.trim())
      }
    }
  })

  it('points at the full reference by the command that prints it', () => {
    expect(text).toContain('`plausible prompt examples --llm --full` (llms-full.txt)')
  })
})

describe('llms.txt command lines', () => {
  // A tiny tree: the shapes a line takes, without the real CLI's churn.
  function tinyProgram(): Command {
    const root = new Command('plausible').description('A test CLI.')
    const things = root.command('things').description('Manage things.')
    describeCommand(
      things
        .command('open')
        .description('Open a thing.')
        .argument('<name>')
        .option('--open', 'open it')
        .option('--no-open', 'do not open it')
        .addOption(new Option('--mode <mode>', 'how').choices(['a', 'b']))
        .requiredOption('--site <domain>', 'the site'),
      { examples: [] },
    )
    things.command('list').description('List things.')
    root.command('lone').description('A lone command; its second clause goes.').option('--quiet', 'hush')
    root.command('other').description('Another (with an aside) command.')
    return root
  }

  it('writes --[no-]x once for a pair, closed values in place of the placeholder, ! for required', () => {
    const lines = renderLlms(tinyProgram())
    expect(lines).toContain(
      '\n- things: Manage things.\n  - open <name> --[no-]open --mode <a|b> --site <domain>!\n  - list\n',
    )
    expect(lines).toContain('\n- lone --quiet — A lone command.\n- other — Another command.\n')
    expect(lines).not.toContain('+common')
  })
})
