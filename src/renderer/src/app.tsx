// The window's root: the API from context, one query cache, and the screen the address bar's hash names.
import { QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { useState } from 'react'
import type { PlausibleApi } from '../../shared/contract/calls'
import { ApiContext } from './api/client'
import { useScreen, type Screen } from './hooks/use-route'
import { AccountsScreen } from './routes/accounts'
import { Dashboard } from './routes/dashboard'
import { EventsScreen } from './routes/events'
import { QueueScreen } from './routes/queue'
import { SettingsScreen } from './routes/settings'
import { SitesScreen } from './routes/sites'

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
  return screenElement(screen)
}

function screenElement(screen: Screen): React.JSX.Element {
  switch (screen) {
    case 'accounts':
      return <AccountsScreen />
    case 'sites':
      return <SitesScreen />
    case 'events':
      return <EventsScreen />
    case 'queue':
      return <QueueScreen />
    case 'settings':
      return <SettingsScreen />
    default:
      return <Dashboard />
  }
}
