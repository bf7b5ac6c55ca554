// `plausible … | head` closes the pipe before the CLI is done writing. Node then raises EPIPE on the
// stream, which would crash the process with a stack trace. The reader has what it wanted: stop writing
// quietly and let the command finish its work (an import keeps delivering, a drain keeps draining).
export function ignoreClosedPipe(stream: NodeJS.WriteStream): void {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') return
    throw error
  })
}
