import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { icnsSizes, icoSizes, linuxIconSizes, renderAppIcons } from '../../../../src/core/packaging/app-icon'
import { encodeIcns, icnsTypes, readIcns } from '../../../../src/core/packaging/icns'
import { encodeIco, readIco } from '../../../../src/core/packaging/ico'
import { createRgba, encodePng, pngSize } from '../../../../src/core/glance/png'

const buildDir = resolve('build')
const rendered = renderAppIcons()

// UPDATE_ICONS=1 npx vitest run test/unit/core/packaging/app-icons.test.ts rewrites build/ after an artwork change.
if (process.env.UPDATE_ICONS === '1') {
  for (const [path, bytes] of rendered) {
    mkdirSync(dirname(join(buildDir, path)), { recursive: true })
    writeFileSync(join(buildDir, path), bytes)
  }
}

describe('the app icons under build/', () => {
  it('are the ones the code draws, byte for byte', () => {
    for (const [path, bytes] of rendered)
      expect(readFileSync(join(buildDir, path)).equals(bytes), path).toBe(true)
  })

  it('give Linux a PNG per hicolor size and electron-builder a 1024 px icon.png', () => {
    for (const size of linuxIconSizes)
      expect(pngSize(readFileSync(join(buildDir, `icons/${size}x${size}.png`)))).toEqual({
        width: size,
        height: size,
      })
    expect(pngSize(readFileSync(join(buildDir, 'icon.png')))).toEqual({ width: 1024, height: 1024 })
  })

  it('give Windows an .ico of 32-bit PNG entries from 16 to 256 px', () => {
    const entries = readIco(readFileSync(join(buildDir, 'icon.ico')))
    expect(entries.map((entry) => [entry.width, entry.height, entry.bitsPerPixel])).toEqual(
      icoSizes.map((size) => [size, size, 32]),
    )
    for (const entry of entries)
      expect(pngSize(entry.png)).toEqual({ width: entry.width, height: entry.height })
  })

  it('give macOS an .icns with a PNG for every size type from 16 to 1024 px', () => {
    const entries = readIcns(readFileSync(join(buildDir, 'icon.icns')))
    expect(entries.map((entry) => entry.type)).toEqual(icnsSizes.map((size) => icnsTypes[size]))
    expect(entries.map((entry) => pngSize(entry.png).width)).toEqual([...icnsSizes])
  })
})

describe('encodeIco', () => {
  it('writes 256 px as 0 in the directory and refuses a larger image', () => {
    const big = encodePng(createRgba(256, 256))
    const ico = encodeIco([big])
    expect([ico[6], ico[7]]).toEqual([0, 0])
    expect(ico.readUInt32LE(6 + 12)).toBe(22)
    expect(() => encodeIco([encodePng(createRgba(512, 512))])).toThrow(
      'An .ico image is at most 256 px, not 512×512',
    )
  })
})

describe('encodeIcns', () => {
  it('refuses a size no .icns type holds', () => {
    expect(() => encodeIcns([encodePng(createRgba(48, 48))])).toThrow('No .icns type holds a 48 px image')
  })
})
