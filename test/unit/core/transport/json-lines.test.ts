// The line reader of both ends of the control socket: the length cap at both sides of its edge, lines
// split across chunks, and lines held back while the reader is not ready (the server's backpressure).
import { describe, expect, it } from 'vitest'
import { createLineReader } from '../../../../src/core/transport/json-lines'

function reader(maxLineBytes: number, isReady?: () => boolean) {
  const lines: string[] = []
  let overflows = 0
  const lineReader = createLineReader({
    maxLineBytes,
    onLine: (line) => lines.push(line),
    onOverflow: () => (overflows += 1),
    ...(isReady ? { isReady } : {}),
  })
  return { lineReader, lines, overflows: () => overflows }
}

describe('line reader', () => {
  it('takes a line of exactly the longest length and refuses one byte more', () => {
    const exact = reader(8)
    exact.lineReader.push(Buffer.from('12345678\n'))
    expect([exact.lines, exact.overflows()]).toEqual([['12345678'], 0])

    const over = reader(8)
    over.lineReader.push(Buffer.from('123456789\n'))
    expect([over.lines, over.overflows()]).toEqual([[], 1])
  })

  it('counts a line begun in one chunk and ended in others against the same cap', () => {
    const exact = reader(8)
    exact.lineReader.push(Buffer.from('1234'))
    exact.lineReader.push(Buffer.from('5678'))
    expect(exact.lineReader.partialLineBytes()).toBe(8)
    exact.lineReader.push(Buffer.from('\n{"b":1}\n'))
    expect([exact.lines, exact.overflows()]).toEqual([['12345678', '{"b":1}'], 0])

    const over = reader(8)
    over.lineReader.push(Buffer.from('1234'))
    over.lineReader.push(Buffer.from('56789'))
    // Refused before its end arrives: nine bytes and no newline yet is already one too many.
    expect([over.lines, over.overflows(), over.lineReader.heldBytes()]).toEqual([[], 1, 0])
    over.lineReader.push(Buffer.from('\n{"b":1}\n'))
    expect(over.lines).toEqual([])
  })

  it('keeps a character split between two chunks whole', () => {
    const { lineReader, lines } = reader(64)
    const text = Buffer.from('{"site":"café.example"}\n')
    const cut = text.indexOf(0xc3) + 1
    lineReader.push(text.subarray(0, cut))
    lineReader.push(text.subarray(cut))
    expect(lines).toEqual(['{"site":"café.example"}'])
  })

  it('holds back the lines of a chunk while not ready, and splits them on resume', () => {
    let room = 1
    const { lineReader, lines } = reader(64, () => room > lines.length)
    lineReader.push(Buffer.from('a\nb\nc\npartial'))
    expect(lines).toEqual(['a'])
    // What is held back is not a partial line of the client's: it has not been looked at yet.
    expect([lineReader.heldBytes(), lineReader.partialLineBytes()]).toEqual([11, 0])
    room = 2
    lineReader.resume()
    expect(lines).toEqual(['a', 'b'])
    room = 10
    lineReader.resume()
    expect(lines).toEqual(['a', 'b', 'c'])
    expect([lineReader.heldBytes(), lineReader.partialLineBytes()]).toEqual([7, 7])
  })

  it('lets go of everything it holds on release', () => {
    const { lineReader, lines } = reader(64, () => false)
    lineReader.push(Buffer.from('a\nb\npart'))
    lineReader.release()
    expect(lineReader.heldBytes()).toBe(0)
    lineReader.resume()
    expect(lines).toEqual([])
  })
})
