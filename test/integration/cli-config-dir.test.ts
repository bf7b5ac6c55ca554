// An unusable config folder ends every command at once with CONFIG_DIR (exit 9): the path, the errno and
// what to do. Before, `/proc/x` spun at 100% CPU forever, a read-only folder read as a network failure and
// a file in the way as "Something went wrong inside Plausible Desktop".
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { readOnlyFolder } from '../helpers/read-only-folder'
import { cliPath, runCli, type RunOptions } from '../helpers/spawn-cli'

beforeAll(() => {
  if (!existsSync(cliPath)) throw new Error(`${cliPath} is missing: run \`npm run build\` first`)
})

const hint = (remedy: string): string =>
  `hint: ${remedy}, or point PLAUSIBLE_CONFIG_DIR at a folder you can write (for example PLAUSIBLE_CONFIG_DIR="$HOME/plausible-desktop").\n`

/** Killed after 10 s, so a CLI that spins shows up as a failed assertion instead of a hung suite. */
async function timed(args: string[], configDir: string, options: RunOptions = {}) {
  const started = performance.now()
  const result = await runCli(args, { PLAUSIBLE_CONFIG_DIR: configDir }, undefined, {
    timeoutMs: 10_000,
    ...options,
  })
  return { ...result, ms: performance.now() - started }
}

const commands = [['status'], ['stats', 'aggregate', '--site', 'shop.example.com'], ['accounts', 'list']]
const named = commands.map((args) => [args.join(' '), args] as const)

describe.runIf(process.platform === 'linux')('a config folder under /proc', () => {
  it.each(named)('ends `plausible %s` at once with the path, the cause and the fix', async (_, args) => {
    const result = await timed(args, '/proc/plausible-x')
    expect(result.code).toBe(9)
    expect(result.ms).toBeLessThan(5_000)
    expect(result.stderr).toBe(
      'error: The config folder /proc/plausible-x cannot be used: /proc does not accept new folders or files (ENOENT).\n' +
        hint('Use a folder whose parent exists and takes new folders'),
    )
  })
})

describe('a regular file where the config folder should be', () => {
  const file = join(mkdtempSync(join(tmpdir(), 'plausible-cli-')), 'config')
  writeFileSync(file, '')

  it.each(named)('ends `plausible %s` with exit 9, naming the file', async (_, args) => {
    const result = await timed(args, file)
    expect(result.code).toBe(9)
    expect(result.stderr).toBe(
      `error: The config folder ${file} cannot be used: ${file} is a file, not a folder (ENOTDIR).\n` +
        hint('Move the file out of the way'),
    )
  })

  it('names the file when the folder would sit under it, with --verbose too', async () => {
    const result = await timed(['status', '--verbose'], join(file, 'deeper'))
    expect(result.code).toBe(9)
    expect(result.stderr).toContain(
      `error: The config folder ${join(file, 'deeper')} cannot be used: ${file} is a file, not a folder (ENOTDIR).\n`,
    )
    expect(result.stderr).not.toContain('Something went wrong')
  })

  it('answers --json with the CONFIG_DIR envelope on stderr', async () => {
    const result = await timed(['stats', 'aggregate', '--site', 'shop.example.com', '--json'], file)
    expect(result.code).toBe(9)
    expect(JSON.parse(result.stderr)).toEqual({
      error: {
        code: 'CONFIG_DIR',
        message: `The config folder ${file} cannot be used: ${file} is a file, not a folder (ENOTDIR).`,
        hint: hint('Move the file out of the way').slice('hint: '.length, -1),
      },
    })
  })
})

describe('a read-only config folder', () => {
  const used = mkdtempSync(join(tmpdir(), 'plausible-ro-'))
  // A folder that has been used: config.json and the journal exist before it turns read-only.
  spawnSync(process.execPath, [cliPath, 'status'], { env: { ...process.env, PLAUSIBLE_CONFIG_DIR: used } })
  const readOnly = readOnlyFolder(used)

  it.runIf(readOnly !== null)(
    'is reported as read-only (or permission denied), not as a network failure',
    async () => {
      expect(existsSync(join(used, 'config.json'))).toBe(true)
      const { dir, options } = readOnly!
      for (const args of commands) {
        const result = await timed(args, dir, options)
        expect(result.code).toBe(9)
        const expected =
          process.getuid?.() === 0
            ? `error: The config folder ${dir} cannot be used: it is on a read-only file system (EROFS).\n` +
              hint('Remount the disk read-write')
            : `error: The config folder ${dir} cannot be used: permission denied (EACCES).\n` +
              hint(`Give your user write access to ${dir} (\`chmod u+rwx "${dir}"\`)`)
        expect(result.stderr).toBe(expected)
      }
    },
  )
})
