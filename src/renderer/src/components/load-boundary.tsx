// Where a lazily loaded part of the window waits for its chunk and, if the chunk cannot be fetched, says
// so with a way out instead of leaving a blank window (React unmounts everything above a thrown error).
import { Component, Suspense, type ReactNode } from 'react'
import { PlausibleError } from '../../../shared/errors'
import { ErrorPanel } from './error-panel'

export interface LoadBoundaryProps {
  /** Shown while the chunk is on its way: the same size as what it stands for, so nothing jumps. */
  fallback: ReactNode
  /** A new key (the screen shown) clears a failure, so another screen can render. */
  resetKey?: string
  /** Smaller, for a failure inside a card. */
  compact?: boolean
  /** Puts the failure where the part would have been (a screen's frame); default: in place. */
  frame?: (failure: ReactNode) => ReactNode
  children: ReactNode
}

interface LoadBoundaryState {
  error: Error | null
  resetKey: string | undefined
}

/** Chromium, Firefox and Safari word a failed `import()` differently; Vite's preload helper has its own. */
const chunkFailure =
  /dynamically imported module|Importing a module script failed|Unable to preload CSS|error loading dynamically/i

/** A failed download becomes the product's own words; any other error stays itself (the generic text). */
export function describeLoadFailure(error: Error): Error {
  if (!chunkFailure.test(error.message)) return error
  return new PlausibleError('INTERNAL', {
    message: 'A part of the window could not be loaded.',
    hint: 'Reload the window. If `plausible ui` was restarted since, open the address it printed.',
  })
}

export class LoadBoundary extends Component<LoadBoundaryProps, LoadBoundaryState> {
  override state: LoadBoundaryState = { error: null, resetKey: this.props.resetKey }

  static getDerivedStateFromError(error: unknown): Partial<LoadBoundaryState> {
    return { error: error instanceof Error ? error : new Error(String(error)) }
  }

  static getDerivedStateFromProps(
    props: LoadBoundaryProps,
    state: LoadBoundaryState,
  ): Partial<LoadBoundaryState> | null {
    return props.resetKey === state.resetKey ? null : { error: null, resetKey: props.resetKey }
  }

  override render(): ReactNode {
    const { error } = this.state
    if (!error) return <Suspense fallback={this.props.fallback}>{this.props.children}</Suspense>
    // React keeps a failed lazy component failed: only a reload fetches the chunk again.
    const failure = (
      <ErrorPanel
        error={describeLoadFailure(error)}
        compact={this.props.compact ?? false}
        onRetry={() => window.location.reload()}
      />
    )
    return this.props.frame ? this.props.frame(failure) : failure
  }
}
