// A Windows .ico writer: a directory of PNG-compressed images (supported since Windows Vista), one per
// size, so the installer and the taskbar pick the sharpest. Written by hand to need no dependency.
import { pngSize } from '../glance/png'

/** The .ico file holding these PNGs (each at most 256 px square). */
export function encodeIco(pngs: Buffer[]): Buffer {
  const header = Buffer.alloc(6)
  header.writeUInt16LE(0, 0) // reserved
  header.writeUInt16LE(1, 2) // type: icon
  header.writeUInt16LE(pngs.length, 4)
  const entries: Buffer[] = []
  let offset = 6 + 16 * pngs.length
  for (const png of pngs) {
    const { width, height } = pngSize(png)
    if (width > 256 || height > 256)
      throw new Error(`An .ico image is at most 256 px, not ${width}×${height}`)
    const entry = Buffer.alloc(16)
    entry[0] = width === 256 ? 0 : width // 0 means 256
    entry[1] = height === 256 ? 0 : height
    entry[2] = 0 // no palette
    entry[3] = 0 // reserved
    entry.writeUInt16LE(1, 4) // colour planes
    entry.writeUInt16LE(32, 6) // bits per pixel
    entry.writeUInt32LE(png.length, 8)
    entry.writeUInt32LE(offset, 12)
    entries.push(entry)
    offset += png.length
  }
  return Buffer.concat([header, ...entries, ...pngs])
}

export interface IcoEntry {
  width: number
  height: number
  bitsPerPixel: number
  png: Buffer
}

/** Reads back the directory of an .ico this module wrote (for the packaging test). */
export function readIco(ico: Buffer): IcoEntry[] {
  if (ico.readUInt16LE(0) !== 0 || ico.readUInt16LE(2) !== 1) throw new Error('not an .ico file')
  return Array.from({ length: ico.readUInt16LE(4) }, (_, index) => {
    const at = 6 + index * 16
    const size = ico.readUInt32LE(at + 8)
    const offset = ico.readUInt32LE(at + 12)
    return {
      width: ico[at] || 256,
      height: ico[at + 1] || 256,
      bitsPerPixel: ico.readUInt16LE(at + 6),
      png: ico.subarray(offset, offset + size),
    }
  })
}
