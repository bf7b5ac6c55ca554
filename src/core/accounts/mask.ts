// The only form in which a key may be shown: at most its first and last four characters.

export function maskKey(key: string): string {
  if (key.length <= 12) return '…'
  return `${key.slice(0, 4)}…${key.slice(-4)}`
}
