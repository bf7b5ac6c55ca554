// The app icon, drawn in code at any size: Plausible's indigo in a rounded square with three rising
// bars (the tray glyph, grown up). build/icon.png, build/icons/<n>x<n>.png, build/icon.ico and
// build/icon.icns are all rendered from here; test/unit/core/packaging/app-icons.test.ts checks the
// committed files match (UPDATE_ICONS=1 rewrites them).
import { encodeIcns } from './icns'
import { encodeIco } from './ico'
import { createRgba, encodePng, type Rgba } from '../glance/png'

/** Linux hicolor sizes electron-builder installs (build/icons/<n>x<n>.png). */
export const linuxIconSizes = [16, 24, 32, 48, 64, 128, 256, 512] as const
export const icoSizes = [16, 24, 32, 48, 64, 128, 256] as const
export const icnsSizes = [16, 32, 64, 128, 256, 512, 1024] as const

const indigo: [number, number, number] = [88, 80, 236]

/** Shapes in a 16×16 design grid, as in the tray icons (scripts/make-tray-icons.mjs). */
const bars = [
  [3.5, 9, 2.5, 4],
  [6.75, 6, 2.5, 7],
  [10, 3, 2.5, 10],
] as const

function insideRoundedSquare(x: number, y: number): boolean {
  const inset = 0.75
  const radius = 3.5
  const min = inset + radius
  const max = 16 - inset - radius
  const cx = Math.min(max, Math.max(min, x))
  const cy = Math.min(max, Math.max(min, y))
  return (x - cx) ** 2 + (y - cy) ** 2 <= radius ** 2
}

function insideBars(x: number, y: number): boolean {
  return bars.some(
    ([left, top, width, height]) => x >= left && x < left + width && y >= top && y < top + height,
  )
}

export function drawAppIcon(size: number): Rgba {
  const image = createRgba(size, size)
  const samples = size >= 256 ? 2 : 4
  const scale = size / 16
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      let tile = 0
      let mark = 0
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const px = (x + (sx + 0.5) / samples) / scale
          const py = (y + (sy + 0.5) / samples) / scale
          if (insideRoundedSquare(px, py)) {
            tile++
            if (insideBars(px, py)) mark++
          }
        }
      }
      const total = samples * samples
      const offset = (y * size + x) * 4
      const white = tile > 0 ? mark / tile : 0
      for (let c = 0; c < 3; c++) image.data[offset + c] = Math.round(indigo[c]! * (1 - white) + 255 * white)
      image.data[offset + 3] = Math.round((255 * tile) / total)
    }
  }
  return image
}

/** Every file of build/ the icons make, by path relative to build/. */
export function renderAppIcons(): Map<string, Buffer> {
  const pngs = new Map<number, Buffer>()
  const pngOf = (size: number): Buffer => {
    let png = pngs.get(size)
    if (!png) {
      png = encodePng(drawAppIcon(size))
      pngs.set(size, png)
    }
    return png
  }
  const files = new Map<string, Buffer>()
  files.set('icon.png', pngOf(1024))
  for (const size of linuxIconSizes) files.set(`icons/${size}x${size}.png`, pngOf(size))
  files.set('icon.ico', encodeIco(icoSizes.map(pngOf)))
  files.set('icon.icns', encodeIcns(icnsSizes.map(pngOf)))
  return files
}
