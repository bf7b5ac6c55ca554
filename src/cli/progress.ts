// A progress bar for long work (imports, queue drain): on stderr, redrawn in place, only when stderr is
// a terminal — never in machine output, never in a pipe or a log file.
import type { CliContext } from './context'

export interface Progress {
  tick(count?: number): void
  /** Clears the bar (the summary goes to stdout after it). */
  done(): void
}

const width = 30

export function createProgress(ctx: Pick<CliContext, 'stderr'>, label: string, total: number): Progress {
  if (!ctx.stderr.isTTY || total === 0) return { tick: () => undefined, done: () => undefined }
  let count = 0
  let drawnAt = 0
  const draw = (): void => {
    const filled = Math.round((Math.min(count, total) / total) * width)
    ctx.stderr.write(`\r[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${count}/${total} ${label}`)
  }
  draw()
  return {
    tick(step = 1) {
      count += step
      // At most ~20 redraws a second: a terminal is slower than a fast import.
      if (Date.now() - drawnAt < 50 && count < total) return
      drawnAt = Date.now()
      draw()
    },
    done() {
      ctx.stderr.write('\r\u001b[2K')
    },
  }
}
