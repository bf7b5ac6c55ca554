// What a data-backed block is showing, for tests and the readiness marker: the same words everywhere.
export type PanelState = 'loading' | 'ready' | 'refreshing' | 'stale' | 'error' | 'empty'

export function panelState(result: { data?: unknown; error: unknown; isFetching: boolean }): PanelState {
  if (result.data === undefined) return result.error ? 'error' : 'loading'
  if (result.error) return 'stale'
  return result.isFetching ? 'refreshing' : 'ready'
}
