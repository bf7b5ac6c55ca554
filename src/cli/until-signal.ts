// Long-running commands (`sandbox`, `ui`) serve until Ctrl+C or a kill: SIGINT or SIGTERM, then they
// close what they opened and return.
/** Resolves at the first SIGINT or SIGTERM. */
export function untilSignal(): Promise<void> {
  return new Promise((resolve) => {
    const stop = (): void => {
      process.off('SIGINT', stop)
      process.off('SIGTERM', stop)
      resolve()
    }
    process.on('SIGINT', stop)
    process.on('SIGTERM', stop)
  })
}
