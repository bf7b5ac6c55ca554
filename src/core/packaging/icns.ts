// A macOS .icns writer: PNG images tagged by their size type, the format macOS has read since 10.7, so
// electron-builder needs no conversion on a Mac. Written by hand to need no dependency.
import { pngSize } from '../glance/png'

/** The OSType of a PNG entry, by pixel size (the @2x types share a size with the next one up). */
export const icnsTypes: Record<number, string> = {
  16: 'icp4',
  32: 'icp5',
  64: 'icp6',
  128: 'ic07',
  256: 'ic08',
  512: 'ic09',
  1024: 'ic10',
}

export function encodeIcns(pngs: Buffer[]): Buffer {
  const entries = pngs.map((png) => {
    const { width } = pngSize(png)
    const type = icnsTypes[width]
    if (!type) throw new Error(`No .icns type holds a ${width} px image`)
    const header = Buffer.alloc(8)
    header.write(type, 0, 'ascii')
    header.writeUInt32BE(png.length + 8, 4)
    return Buffer.concat([header, png])
  })
  const header = Buffer.alloc(8)
  header.write('icns', 0, 'ascii')
  header.writeUInt32BE(8 + entries.reduce((sum, entry) => sum + entry.length, 0), 4)
  return Buffer.concat([header, ...entries])
}

/** Reads back the entries of an .icns this module wrote (for the packaging test). */
export function readIcns(icns: Buffer): Array<{ type: string; png: Buffer }> {
  if (icns.toString('ascii', 0, 4) !== 'icns' || icns.readUInt32BE(4) !== icns.length)
    throw new Error('not an .icns file')
  const entries: Array<{ type: string; png: Buffer }> = []
  for (let at = 8; at < icns.length;) {
    const length = icns.readUInt32BE(at + 4)
    entries.push({ type: icns.toString('ascii', at, at + 4), png: icns.subarray(at + 8, at + length) })
    at += length
  }
  return entries
}
