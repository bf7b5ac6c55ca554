import { inflateSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { drawableText, drawTrayIcon, stateColours } from '../../../../src/core/glance/icon-raster'
import { encodePng, pngSize } from '../../../../src/core/glance/png'

function pixel(image: ReturnType<typeof drawTrayIcon>, x: number, y: number): number[] {
  const offset = (y * image.width + x) * 4
  return [...image.data.subarray(offset, offset + 4)]
}

describe('drawTrayIcon', () => {
  it('fills a disc in the state colour with transparent corners', () => {
    const image = drawTrayIcon({ text: '', state: 'low-budget', budgetShare: null, size: 32 })
    expect(pixel(image, 0, 0)).toEqual([0, 0, 0, 0])
    expect(pixel(image, 16, 16)).toEqual([...stateColours['low-budget'], 255])
  })

  it('draws the count in white at twice the font size in 32 px: "1" has its stem at x 11–12', () => {
    const image = drawTrayIcon({ text: '1', state: 'normal', budgetShare: null, size: 32 })
    // One glyph, 3×5 font pixels at scale 3 (32/10), centred: left = floor((32 − 9) / 2) = 11, top = floor((32 − 15) / 2) = 8.
    expect(pixel(image, 14, 8)).toEqual([255, 255, 255, 255])
    expect(pixel(image, 11, 8)).toEqual([...stateColours.normal, 255])
    expect(pixel(image, 11, 20)).toEqual([255, 255, 255, 255])
  })

  it('draws a budget bar whose lit part is the share of the hour left', () => {
    const full = drawTrayIcon({ text: '', state: 'normal', budgetShare: 1, size: 32 })
    const quarter = drawTrayIcon({ text: '', state: 'normal', budgetShare: 0.25, size: 32 })
    // The bar runs from x 8 to 23 on row 24; a quarter lights x 8–11.
    expect(pixel(full, 22, 24)).toEqual([255, 255, 255, 255])
    expect(pixel(quarter, 11, 24)).toEqual([255, 255, 255, 255])
    expect(pixel(quarter, 12, 24)).not.toEqual([255, 255, 255, 255])
  })

  it('draws at most three known characters', () => {
    expect(drawableText('12345')).toBe('123')
    expect(drawableText('9k+')).toBe('9k')
    expect(drawableText('↑')).toBe('↑')
  })
})

describe('encodePng', () => {
  it('writes an RGBA PNG whose rows decode back to the pixels, each behind filter byte 0', () => {
    const image = drawTrayIcon({ text: '7', state: 'error', budgetShare: 0.5, size: 16 })
    const png = encodePng(image)
    expect(pngSize(png)).toEqual({ width: 16, height: 16 })
    const idat = png.indexOf('IDAT')
    const rows = inflateSync(png.subarray(idat + 4, idat + 4 + png.readUInt32BE(idat - 4)))
    expect(rows.length).toBe(16 * (16 * 4 + 1))
    expect(rows[0]).toBe(0)
    expect([...rows.subarray(1 + 8 * 4 + 8 * 65, 1 + 8 * 4 + 8 * 65 + 4)]).toEqual(pixel(image, 8, 8))
  })
})
