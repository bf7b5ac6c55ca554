// The packaged `plausible` launcher, run against a stand-in for the app's Electron binary (no Electron
// binary runs here): it must run the bundled CLI with ELECTRON_RUN_AS_NODE=1, also through a PATH link.
import { execFile } from 'node:child_process'
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { promisify } from 'node:util'
import { beforeAll, describe, expect, it } from 'vitest'
import { cliEnv, tempConfigDir } from '../helpers/spawn-cli'

const run = promisify(execFile)
const root = resolve(__dirname, '../..')
let app: string
let pathDir: string

beforeAll(() => {
  if (!existsSync(join(root, 'out/main/cli.js'))) throw new Error('run `npm run build` first')
  app = mkdtempSync(join(tmpdir(), 'plausible-app-'))
  // The stand-in refuses to run unless started the way Electron runs as Node, then behaves as Node.
  writeFileSync(
    join(app, 'plausible-desktop'),
    `#!/bin/sh\n[ "$ELECTRON_RUN_AS_NODE" = 1 ] || { echo "started without ELECTRON_RUN_AS_NODE" >&2; exit 99; }\nexec "${process.execPath}" "$@"\n`,
    { mode: 0o755 },
  )
  mkdirSync(join(app, 'resources/bin'), { recursive: true })
  copyFileSync(join(root, 'build/bin/plausible'), join(app, 'resources/bin/plausible'))
  // Real Electron reads the CLI inside app.asar; the stand-in gets a folder of that name.
  mkdirSync(join(app, 'resources/app.asar'))
  symlinkSync(join(root, 'out'), join(app, 'resources/app.asar/out'))
  pathDir = mkdtempSync(join(tmpdir(), 'plausible-path-'))
  symlinkSync(join(app, 'resources/bin/plausible'), join(pathDir, 'plausible'))
})

describe('the bundled plausible launcher', () => {
  it('runs the CLI on the app binary as Node', async () => {
    const { stdout } = await run(join(app, 'resources/bin/plausible'), ['--version'], { env: cliEnv() })
    expect(stdout).toMatch(/^\d+\.\d+\.\d+ \(([0-9a-f]+|unknown)\)\n$/)
  })

  it('works through the link the menu puts on the PATH, and answers a real call', async () => {
    const { stdout } = await run('plausible', ['stats', 'realtime', '--site', 'shop.example.com', '--json'], {
      env: cliEnv({ PATH: `${pathDir}:${process.env.PATH ?? ''}`, PLAUSIBLE_CONFIG_DIR: tempConfigDir() }),
    })
    expect(JSON.parse(stdout)).toMatchObject({ site: 'shop.example.com', visitors: expect.any(Number) })
  })

  it('passes the exit code through', async () => {
    const error = await run(join(app, 'resources/bin/plausible'), ['stats', 'aggregate'], {
      env: cliEnv(),
    }).catch((reason: { code: number; stderr: string }) => reason)
    expect(error).toMatchObject({ code: 2 })
    expect((error as { stderr: string }).stderr).toContain("required option '--site <domain>' not specified")
  })

  it('says what is wrong when the app binary is missing', async () => {
    const lonely = mkdtempSync(join(tmpdir(), 'plausible-lonely-'))
    mkdirSync(join(lonely, 'resources/bin'), { recursive: true })
    copyFileSync(join(root, 'build/bin/plausible'), join(lonely, 'resources/bin/plausible'))
    const error = await run(join(lonely, 'resources/bin/plausible'), ['--version'], { env: cliEnv() }).catch(
      (reason: { code: number; stderr: string }) => reason,
    )
    expect(error).toMatchObject({ code: 1 })
    expect((error as { stderr: string }).stderr).toContain("the app's executable was not found")
  })
})
