// The request history must not lose what a process recorded when it ends without closing its core:
// when the event loop runs dry ('beforeExit') each history with exchanges still waiting writes them
// the ordinary way, and on process.exit() ('exit', where nothing can be awaited) it writes them
// synchronously if the history's lock is free. One pair of listeners serves every history of the process.

export interface ExitFlusher {
  flush(): Promise<void>
  flushNow(): void
}

export interface ExitWatch {
  /** For one history: `pending()` when exchanges start to wait, `done()` when they are taken to be written. */
  watch(flusher: ExitFlusher): { pending(): void; done(): void }
}

/** `on` is the process's in production; tests hand in an emitter of their own. */
export function createExitWatch(emitter: Pick<NodeJS.EventEmitter, 'on'>): ExitWatch {
  const waiting = new Set<ExitFlusher>()
  let isListening = false

  function listen(): void {
    if (isListening) return
    isListening = true
    // Asynchronous work started here keeps the process alive until it is done; 'beforeExit' comes
    // again afterwards, and finds nothing waiting.
    emitter.on('beforeExit', () => {
      for (const flusher of [...waiting]) void flusher.flush()
    })
    emitter.on('exit', () => {
      for (const flusher of [...waiting]) flusher.flushNow()
    })
  }

  return {
    watch(flusher) {
      return {
        pending() {
          listen()
          waiting.add(flusher)
        },
        done() {
          waiting.delete(flusher)
        },
      }
    },
  }
}

export const processExit = createExitWatch(process)
