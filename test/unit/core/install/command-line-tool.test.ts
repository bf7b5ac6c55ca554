import { lstatSync, mkdirSync, mkdtempSync, readlinkSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { cliLinkCandidates, installCommandLineTool } from '../../../../src/core/install/command-line-tool'

function layout() {
  const root = mkdtempSync(join(tmpdir(), 'plausible-install-'))
  const launcher = join(root, 'Plausible Desktop', 'resources', 'bin', 'plausible')
  mkdirSync(join(launcher, '..'), { recursive: true })
  writeFileSync(launcher, '#!/bin/sh\n', { mode: 0o755 })
  const onPath = join(root, 'home', '.local', 'bin')
  const offPath = join(root, 'usr-local-bin')
  return { root, launcher, onPath, offPath }
}

describe('installCommandLineTool', () => {
  it('links the launcher into the first candidate folder that is on PATH, creating it', async () => {
    const { launcher, onPath, offPath } = layout()
    const result = await installCommandLineTool({
      launcher,
      candidates: [offPath, onPath],
      path: `/usr/bin:${onPath}`,
    })
    expect(result).toEqual({ linkPath: join(onPath, 'plausible'), wasInstalled: false, isOnPath: true })
    expect(readlinkSync(join(onPath, 'plausible'))).toBe(launcher)
  })

  it('says so when the link is already there', async () => {
    const { launcher, onPath } = layout()
    const options = { launcher, candidates: [onPath], path: onPath }
    await installCommandLineTool(options)
    expect(await installCommandLineTool(options)).toEqual({
      linkPath: join(onPath, 'plausible'),
      wasInstalled: true,
      isOnPath: true,
    })
  })

  it('replaces a link left by a moved copy of the app, but never a file of someone else', async () => {
    const { root, launcher, onPath, offPath } = layout()
    mkdirSync(onPath, { recursive: true })
    symlinkSync(
      join(root, 'old', 'plausible-desktop', 'resources', 'bin', 'plausible'),
      join(onPath, 'plausible'),
    )
    await installCommandLineTool({ launcher, candidates: [onPath], path: onPath })
    expect(readlinkSync(join(onPath, 'plausible'))).toBe(launcher)

    mkdirSync(offPath, { recursive: true })
    writeFileSync(join(offPath, 'plausible'), 'someone else')
    const error = await installCommandLineTool({ launcher, candidates: [offPath], path: offPath }).catch(
      (e: unknown) => e,
    )
    expect(error).toMatchObject({
      code: 'USAGE',
      message: `No folder could take the \`plausible\` link (${join(offPath, 'plausible')} exists and is not a link).`,
      hint: `Link it yourself: sudo ln -s "${launcher}" /usr/local/bin/plausible`,
    })
    expect(lstatSync(join(offPath, 'plausible')).isSymbolicLink()).toBe(false)
  })

  it('falls back to a folder off PATH and says it is not on PATH', async () => {
    const { launcher, offPath } = layout()
    const result = await installCommandLineTool({ launcher, candidates: [offPath], path: '/usr/bin' })
    expect(result.isOnPath).toBe(false)
  })

  it('refuses in development, where there is no packaged launcher', async () => {
    const error = await installCommandLineTool({
      launcher: '/nonexistent/bin/plausible',
      candidates: [],
      path: '',
    }).catch((e: unknown) => e)
    expect(error).toMatchObject({
      code: 'USAGE',
      message: 'The command-line launcher is not at /nonexistent/bin/plausible.',
    })
  })

  it('tries /usr/local/bin first on macOS and ~/.local/bin first on Linux', () => {
    expect(cliLinkCandidates('darwin', '/Users/ada')).toEqual(['/usr/local/bin', '/Users/ada/.local/bin'])
    expect(cliLinkCandidates('linux', '/home/ada')).toEqual(['/home/ada/.local/bin', '/usr/local/bin'])
  })
})
