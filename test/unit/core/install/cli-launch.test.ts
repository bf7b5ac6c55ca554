import { mkdtempSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { cliLaunchOfThisProcess } from '../../../../src/core/install/cli-launch'

describe('cliLaunchOfThisProcess', () => {
  it('is this binary on the CLI it runs, a link (npm link, a bin folder) resolved to the bundle', () => {
    const folder = mkdtempSync(join(tmpdir(), 'plausible-launch-'))
    const bundle = join(folder, 'cli.js')
    writeFileSync(bundle, '')
    const link = join(folder, 'plausible')
    symlinkSync(bundle, link)
    expect(cliLaunchOfThisProcess(['node', link], {})).toEqual({ command: process.execPath, args: [bundle] })
  })

  it("asks for ELECTRON_RUN_AS_NODE when it runs on the app's own binary, and keeps a path not on disk", () => {
    expect(
      cliLaunchOfThisProcess(['/app/plausible-desktop', '/app/resources/app.asar/out/main/cli.js'], {
        ELECTRON_RUN_AS_NODE: '1',
      }),
    ).toEqual({
      command: process.execPath,
      args: ['/app/resources/app.asar/out/main/cli.js'],
      env: { ELECTRON_RUN_AS_NODE: '1' },
    })
  })
})
