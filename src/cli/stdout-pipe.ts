// `plausible … | head` closes the pipe before the CLI is done writing. Node then raises EPIPE on the
// stream, which would crash the process with a stack trace. The reader has what it wanted: stop writing
// quietly and let the command finish its work (an import keeps delivering, a drain keeps draining).
export function ignoreClosedPipe(stream: NodeJS.WriteStream): void {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') return
    throw error
  })
}

/**
 * ignoreClosedPipe on process.stdout and process.stderr, each when it is first used rather than at start:
 * Node makes a stream when one is first asked for (a pipe's is a socket, a few ms), and a command that
 * succeeds writes nothing to stderr, one that prints nothing nothing to stdout.
 */
export function ignoreClosedPipesOnceUsed(target: NodeJS.Process = process): void {
  for (const name of ['stdout', 'stderr'] as const) {
    const descriptor = Object.getOwnPropertyDescriptor(target, name)
    const make = descriptor?.get
    if (!descriptor?.configurable || !make) {
      ignoreClosedPipe(target[name])
      continue
    }
    Object.defineProperty(target, name, {
      configurable: true,
      enumerable: descriptor.enumerable ?? true,
      get() {
        const stream = make.call(target) as NodeJS.WriteStream
        Object.defineProperty(target, name, {
          configurable: true,
          enumerable: descriptor.enumerable ?? true,
          writable: false,
          value: stream,
        })
        ignoreClosedPipe(stream)
        return stream
      },
    })
  }
}
