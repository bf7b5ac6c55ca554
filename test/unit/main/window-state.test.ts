import { mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  defaultWindowState,
  fitToDisplays,
  readWindowState,
  writeWindowState,
} from '../../../src/main/window-state'

let dir: string
let file: string

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'plausible-window-state-'))
  file = join(dir, 'window-state.json')
})

afterEach(() => rm(dir, { recursive: true, force: true }))

describe('readWindowState / writeWindowState', () => {
  it('round-trips the bounds and leaves no temp file behind', async () => {
    writeWindowState(file, { x: 10, y: 20, width: 900, height: 700, isMaximized: true })
    expect(readWindowState(file)).toEqual({ x: 10, y: 20, width: 900, height: 700, isMaximized: true })
    expect(await readdir(dir)).toEqual(['window-state.json'])
  })

  it.runIf(process.platform !== 'win32')(
    'writes the file 0600, like every file of the config folder',
    async () => {
      writeWindowState(file, { x: 10, y: 20, width: 900, height: 700, isMaximized: false })
      expect((await stat(file)).mode & 0o777).toBe(0o600)
    },
  )

  it('falls back to the default size when the file is missing, corrupt or absurd', async () => {
    expect(readWindowState(file)).toEqual(defaultWindowState)
    await writeFile(file, '{nope')
    expect(readWindowState(file)).toEqual(defaultWindowState)
    await writeFile(file, JSON.stringify({ width: 5, height: 5 }))
    expect(readWindowState(file)).toEqual(defaultWindowState)
  })
})

describe('fitToDisplays', () => {
  const displays = [
    { x: 0, y: 0, width: 1920, height: 1080 },
    { x: 1920, y: 0, width: 1280, height: 1024 },
  ]

  it('keeps a position whose title bar a display shows', () => {
    const state = { x: 2000, y: 100, width: 800, height: 600, isMaximized: false }
    expect(fitToDisplays(state, displays)).toEqual(state)
  })

  it('drops a position on a display that is gone, keeping the size', () => {
    const state = { x: 3400, y: 100, width: 800, height: 600, isMaximized: false }
    expect(fitToDisplays(state, displays)).toEqual({ width: 800, height: 600, isMaximized: false })
  })

  it('drops a position with the title bar above every display', () => {
    const state = { x: 100, y: -300, width: 800, height: 600, isMaximized: false }
    expect(fitToDisplays(state, displays)).toEqual({ width: 800, height: 600, isMaximized: false })
  })
})
