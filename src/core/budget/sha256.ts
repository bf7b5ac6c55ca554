// SHA-256 (FIPS 180-4) of a string's UTF-8 bytes, in hex. The budget id of every request is a hash of its
// server and key (ledger.ts); node:crypto would be loaded for that one hash, about 4 ms of every command.
// Checked against node:crypto by the tests.

/** The first 32 bits of the fractional parts of `root` of the first `count` primes. */
function fractionBits(count: number, root: (prime: number) => number): Uint32Array {
  const words = new Uint32Array(count)
  for (let found = 0, candidate = 2; found < count; candidate++) {
    let isPrime = true
    for (let divisor = 2; divisor * divisor <= candidate; divisor++)
      if (candidate % divisor === 0) {
        isPrime = false
        break
      }
    if (!isPrime) continue
    const value = root(candidate)
    words[found++] = (value - Math.floor(value)) * 2 ** 32
  }
  return words
}

let constants: { rounds: Uint32Array; initial: Uint32Array } | undefined

function tables(): { rounds: Uint32Array; initial: Uint32Array } {
  constants ??= { rounds: fractionBits(64, Math.cbrt), initial: fractionBits(8, Math.sqrt) }
  return constants
}

const rotr = (word: number, by: number): number => (word >>> by) | (word << (32 - by))

export function sha256Hex(text: string): string {
  const { rounds, initial } = tables()
  const bytes = Buffer.from(text, 'utf8')
  // The message, a 1 bit, zeros, and its length in bits as 64 bits: a whole number of 64-byte blocks.
  const length = Math.ceil((bytes.length + 9) / 64) * 64
  const padded = Buffer.alloc(length)
  bytes.copy(padded)
  padded[bytes.length] = 0x80
  const bits = bytes.length * 8
  padded.writeUInt32BE(Math.floor(bits / 2 ** 32), length - 8)
  padded.writeUInt32BE(bits >>> 0, length - 4)

  const hash = Uint32Array.from(initial)
  const schedule = new Uint32Array(64)
  for (let block = 0; block < length; block += 64) {
    for (let t = 0; t < 16; t++) schedule[t] = padded.readUInt32BE(block + t * 4)
    for (let t = 16; t < 64; t++) {
      const w15 = schedule[t - 15]!
      const w2 = schedule[t - 2]!
      const s0 = rotr(w15, 7) ^ rotr(w15, 18) ^ (w15 >>> 3)
      const s1 = rotr(w2, 17) ^ rotr(w2, 19) ^ (w2 >>> 10)
      schedule[t] = (schedule[t - 16]! + s0 + schedule[t - 7]! + s1) >>> 0
    }
    let [a, b, c, d, e, f, g, h] = hash as unknown as [
      number,
      number,
      number,
      number,
      number,
      number,
      number,
      number,
    ]
    for (let t = 0; t < 64; t++) {
      const sum1 = rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)
      const choice = (e & f) ^ (~e & g)
      const first = (h + sum1 + choice + rounds[t]! + schedule[t]!) >>> 0
      const sum0 = rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)
      const majority = (a & b) ^ (a & c) ^ (b & c)
      const second = (sum0 + majority) >>> 0
      h = g
      g = f
      f = e
      e = (d + first) >>> 0
      d = c
      c = b
      b = a
      a = (first + second) >>> 0
    }
    const next = [a, b, c, d, e, f, g, h]
    for (let word = 0; word < 8; word++) hash[word] = (hash[word]! + next[word]!) >>> 0
  }
  let hex = ''
  for (const word of hash) hex += word.toString(16).padStart(8, '0')
  return hex
}
