// Random hex for names that must not meet another process's (temp files, a lock's holder file, a lock's
// taking token): not secrets, only apart from each other, so Math.random will do (each process's
// generator is seeded apart). node:crypto, about 4 ms to load, stays out of the commands that need nothing
// more than a name; keys and tokens that guard something still come from it.
export function randomHex(digits: number): string {
  let hex = ''
  while (hex.length < digits)
    hex += Math.floor(Math.random() * 2 ** 32)
      .toString(16)
      .padStart(8, '0')
  return hex.slice(0, digits)
}
