// Draws the tray icon where the platform shows no title (Windows, Linux): a disc in the state's colour
// with the pinned site's count (or calm mode's arrow) in white, and a bar along the bottom for the share
// of the hour's budget left. Pure pixels from the tray model; main turns them into a nativeImage.
import type { TrayIconState } from './tray-model'
import { createRgba, type Rgba } from './png'

export const stateColours: Record<TrayIconState, [number, number, number]> = {
  normal: [88, 80, 236], // Plausible indigo
  'low-budget': [217, 119, 6], // amber
  paused: [107, 114, 128], // grey
  error: [220, 38, 38], // red
}

/** A 3×5 bitmap font: the digits and the few signs the tray shows. */
const glyphs: Record<string, string[]> = {
  '0': ['111', '101', '101', '101', '111'],
  '1': ['010', '110', '010', '010', '111'],
  '2': ['111', '001', '111', '100', '111'],
  '3': ['111', '001', '111', '001', '111'],
  '4': ['101', '101', '111', '001', '001'],
  '5': ['111', '100', '111', '001', '111'],
  '6': ['111', '100', '111', '101', '111'],
  '7': ['111', '001', '010', '010', '010'],
  '8': ['111', '101', '111', '101', '111'],
  '9': ['111', '101', '111', '001', '111'],
  k: ['100', '101', '110', '101', '101'],
  m: ['000', '111', '111', '101', '101'],
  '–': ['000', '000', '111', '000', '000'],
  '!': ['010', '010', '010', '000', '010'],
  // Arrows with wide heads: a 3-pixel arrow with a one-pixel head reads as a cross or a plus.
  '↑': ['010', '111', '111', '010', '010'],
  '↓': ['010', '010', '111', '111', '010'],
  '→': ['100', '110', '111', '110', '100'],
  '·': ['000', '000', '010', '000', '000'],
}

export interface TrayIconPicture {
  text: string
  state: TrayIconState
  /** 0–1, or null for no bar. */
  budgetShare: number | null
  /** Pixels per side; 16 px is one logical tray icon, 32 px its @2x. */
  size: number
}

export function drawTrayIcon(picture: TrayIconPicture): Rgba {
  const { size } = picture
  const image = createRgba(size, size)
  const colour = stateColours[picture.state]
  const centre = size / 2
  const radius = size / 2 - 0.25
  // The disc, with 4×4 supersampled edges.
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      let hits = 0
      for (let sy = 0; sy < 4; sy++)
        for (let sx = 0; sx < 4; sx++)
          if ((x + (sx + 0.5) / 4 - centre) ** 2 + (y + (sy + 0.5) / 4 - centre) ** 2 <= radius ** 2) hits++
      if (hits > 0) setPixel(image, x, y, colour, Math.round((255 * hits) / 16))
    }
  }
  const chars = [...picture.text].filter((char) => glyphs[char]).slice(0, 3)
  // Three characters fit at one pixel per font pixel in 16 px; larger icons scale the font up.
  const scale = Math.max(1, Math.floor(size / (chars.length > 2 ? 16 : 10)))
  const width = chars.length * 3 * scale + Math.max(0, chars.length - 1) * scale
  const left = Math.floor((size - width) / 2)
  const top = Math.floor((size - 5 * scale) / 2) - (picture.budgetShare === null ? 0 : scale > 1 ? 1 : 0)
  chars.forEach((char, index) => {
    const rows = glyphs[char]!
    rows.forEach((row, gy) => {
      for (let gx = 0; gx < 3; gx++) {
        if (row[gx] !== '1') continue
        for (let py = 0; py < scale; py++)
          for (let px = 0; px < scale; px++)
            setPixel(
              image,
              left + index * 4 * scale + gx * scale + px,
              top + gy * scale + py,
              [255, 255, 255],
              255,
            )
      }
    })
  })
  if (picture.budgetShare !== null) {
    const barHeight = Math.max(1, Math.round(size / 16))
    const barTop = size - Math.round(size * 0.25)
    const barLeft = Math.round(size * 0.25)
    const barWidth = size - 2 * barLeft
    const filled = Math.round(barWidth * Math.min(1, Math.max(0, picture.budgetShare)))
    for (let y = barTop; y < barTop + barHeight; y++)
      for (let x = barLeft; x < barLeft + barWidth; x++)
        setPixel(image, x, y, [255, 255, 255], x < barLeft + filled ? 255 : 90)
  }
  return image
}

function setPixel(image: Rgba, x: number, y: number, colour: [number, number, number], alpha: number): void {
  if (x < 0 || y < 0 || x >= image.width || y >= image.height) return
  const offset = (y * image.width + x) * 4
  // Source over, straight alpha: the new paint over whatever is already there.
  const source = alpha / 255
  const below = image.data[offset + 3]! / 255
  const out = source + below * (1 - source)
  if (out === 0) return
  for (let c = 0; c < 3; c++) {
    const mixed = (colour[c]! * source + image.data[offset + c]! * below * (1 - source)) / out
    image.data[offset + c] = Math.round(mixed)
  }
  image.data[offset + 3] = Math.round(out * 255)
}

/** The text actually drawn (unknown characters dropped, at most three), for tests and the tooltip. */
export function drawableText(text: string): string {
  return [...text]
    .filter((char) => glyphs[char])
    .slice(0, 3)
    .join('')
}
