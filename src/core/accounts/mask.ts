// The only form in which a key may be shown: its first and last characters, together at most a quarter
// of the key and never more than four at each end, so a short key is not half given away.

export function maskKey(key: string): string {
  const shown = Math.min(4, Math.floor(key.length / 8))
  if (shown === 0) return '…'
  return `${key.slice(0, shown)}…${key.slice(-shown)}`
}
