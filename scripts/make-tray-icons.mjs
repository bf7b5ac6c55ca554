// Draws the tray icons into build/tray/: one coloured icon per state (16 px and @2x 32 px) for Windows and
// Linux, and one monochrome `…Template` icon per state for macOS, which recolours template images for
// light and dark menu bars. PNGs are written by hand (zlib + CRC32) so the script needs no dependency.
// Run: node scripts/make-tray-icons.mjs   (the PNGs are committed; rerun only to change the artwork)
import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { deflateSync } from 'node:zlib'

const outDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'build', 'tray')

/** Must match TrayIconState in src/core/glance/tray-model.ts. */
const states = {
  normal: { color: [88, 80, 236], glyph: 'bars' }, // Plausible indigo
  'low-budget': { color: [217, 119, 6], glyph: 'low-bars' }, // amber
  paused: { color: [107, 114, 128], glyph: 'pause' }, // grey
  error: { color: [220, 38, 38], glyph: 'exclamation' }, // red
}

// Shapes live in a 16×16 design grid; each pixel is supersampled 4×4 for smooth edges at any scale.
const glyphs = {
  bars: [rect(3.5, 9, 2.5, 4), rect(6.75, 6, 2.5, 7), rect(10, 3, 2.5, 10)],
  'low-bars': [rect(3.5, 11, 2.5, 2), rect(6.75, 11, 2.5, 2), rect(10, 11, 2.5, 2), rect(3.5, 9, 2.5, 4)],
  pause: [rect(4.5, 4, 2.5, 8), rect(9, 4, 2.5, 8)],
  exclamation: [rect(6.75, 3, 2.5, 6.5), disc(8, 12, 1.4)],
}

function rect(x, y, width, height) {
  return (px, py) => px >= x && px < x + width && py >= y && py < y + height
}

function disc(cx, cy, radius) {
  return (px, py) => (px - cx) ** 2 + (py - cy) ** 2 <= radius ** 2
}

const badge = disc(8, 8, 7.5)

/** Coverage of a glyph in one output pixel, 0..1. */
function coverage(shapes, x, y, scale) {
  const samples = 4
  let hits = 0
  for (let sy = 0; sy < samples; sy++) {
    for (let sx = 0; sx < samples; sx++) {
      const px = (x + (sx + 0.5) / samples) / scale
      const py = (y + (sy + 0.5) / samples) / scale
      if (shapes.some((inside) => inside(px, py))) hits++
    }
  }
  return hits / (samples * samples)
}

/** Coloured icon: a filled disc in the state colour with the glyph knocked out in white. */
function colouredPixels(state, size) {
  const scale = size / 16
  const { color, glyph } = states[state]
  const pixels = Buffer.alloc(size * size * 4)
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const disc = coverage([badge], x, y, scale)
      const mark = coverage(glyphs[glyph], x, y, scale)
      const offset = (y * size + x) * 4
      for (let c = 0; c < 3; c++) pixels[offset + c] = Math.round(color[c] * (1 - mark) + 255 * mark)
      pixels[offset + 3] = Math.round(255 * disc)
    }
  }
  return pixels
}

/** macOS template: black glyph on transparent; the system supplies the colour. */
function templatePixels(state, size) {
  const scale = size / 16
  const { glyph } = states[state]
  const pixels = Buffer.alloc(size * size * 4)
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const ring = coverage([badge], x, y, scale) - coverage([disc(8, 8, 6.25)], x, y, scale)
      const mark = coverage(glyphs[glyph], x, y, scale)
      pixels[(y * size + x) * 4 + 3] = Math.round(255 * Math.min(1, Math.max(0, ring) + mark))
    }
  }
  return pixels
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
  return c >>> 0
})

function crc32(bytes) {
  let crc = 0xffffffff
  for (const byte of bytes) crc = crcTable[(crc ^ byte) & 0xff] ^ (crc >>> 8)
  return (crc ^ 0xffffffff) >>> 0
}

function chunk(type, data) {
  const length = Buffer.alloc(4)
  length.writeUInt32BE(data.length)
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data])
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(body))
  return Buffer.concat([length, body, crc])
}

/** An 8-bit RGBA PNG, filter 0 on every row. */
function encodePng(size, rgba) {
  const header = Buffer.alloc(13)
  header.writeUInt32BE(size, 0)
  header.writeUInt32BE(size, 4)
  header[8] = 8 // bit depth
  header[9] = 6 // colour type RGBA
  const rows = Buffer.alloc(size * (size * 4 + 1))
  for (let y = 0; y < size; y++) rgba.copy(rows, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4)
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ])
}

mkdirSync(outDir, { recursive: true })
const written = []
for (const state of Object.keys(states)) {
  for (const [suffix, size] of [
    ['', 16],
    ['@2x', 32],
  ]) {
    const files = {
      [`tray-${state}${suffix}.png`]: colouredPixels(state, size),
      [`tray-${state}Template${suffix}.png`]: templatePixels(state, size),
    }
    for (const [name, pixels] of Object.entries(files)) {
      writeFileSync(join(outDir, name), encodePng(size, pixels))
      written.push(name)
    }
  }
}
console.log(`wrote ${written.length} icons to ${outDir}`)
