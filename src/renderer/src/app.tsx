// The window's root: the API from context, one query cache, and the screen the address bar's hash names.
// The overview (the landing page) and the dashboard are in the first chunk; every other screen is fetched
// when first shown (routes/lazy-screens).
import { QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { useDeferredValue, useState } from 'react'
import type { PlausibleApi } from '../../shared/contract/calls'
import { ApiContext } from './api/client'
import { LoadBoundary } from './components/load-boundary'
import { ScreenShell } from './components/screen-frame'
import { useScreen, type Screen } from './hooks/use-route'
import { Dashboard } from './routes/dashboard'
import { lazyScreens } from './routes/lazy-screens'
import { Overview } from './routes/overview'

/** Calls answered by the core alone; every other call spends a request of the account's hourly budget. */
const localCalls = new Set<unknown>([
  'accounts.list',
  'budget.status',
  'pins.list',
  'alerts.get',
  'tray.get',
  'realtime.history',
])

export function createQueryClient(): QueryClient {
  const client: QueryClient = new QueryClient({
    // A request just spent (or refunded) changes the budget: re-read it now rather than at the next poll.
    queryCache: new QueryCache({
      onSettled: (_data, _error, query) => {
        if (!localCalls.has(query.queryKey[0])) void client.invalidateQueries({ queryKey: ['budget.status'] })
      },
    }),
    defaultOptions: {
      queries: {
        // The core already retries 5xx and network failures with backoff inside the hour's budget;
        // retrying here too would spend requests and hide the typed error for seconds.
        retry: false,
        // Every refetch of stats costs one API request: refresh on a timer or on demand, not on focus.
        refetchOnWindowFocus: false,
      },
    },
  })
  return client
}

export function App({ api }: { api: PlausibleApi }): React.JSX.Element {
  const [queryClient] = useState(createQueryClient)
  return (
    <QueryClientProvider client={queryClient}>
      <ApiContext value={api}>
        <CurrentScreen />
      </ApiContext>
    </QueryClientProvider>
  )
}

function CurrentScreen(): React.JSX.Element {
  const screen = useScreen()
  // While the next screen's chunk is on its way, the screen being left stays up (the top bar already marks
  // the new one): no blank frame between two screens. Only a first load straight onto a screen
  // (#/settings from the tray) shows the shell, and its skeleton only if the wait is long enough to see.
  const shown = useDeferredValue(screen)
  return (
    <LoadBoundary
      resetKey={shown}
      fallback={<ScreenShell screen={shown} />}
      frame={(failure) => <ScreenShell screen={shown}>{failure}</ScreenShell>}
    >
      <ScreenOf screen={shown} />
    </LoadBoundary>
  )
}

function ScreenOf({ screen }: { screen: Screen }): React.JSX.Element {
  if (screen === 'overview') return <Overview />
  if (screen === 'dashboard') return <Dashboard />
  const Lazy = lazyScreens[screen]
  return <Lazy />
}
