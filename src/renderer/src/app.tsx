// The window's root: the API from context, one query cache, the dashboard.
import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { useState } from 'react'
import type { PlausibleApi } from '../../shared/contract/calls'
import { ApiContext } from './api/client'
import { Dashboard } from './routes/dashboard'

export function createQueryClient(): QueryClient {
  return new QueryClient({
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
}

export function App({ api }: { api: PlausibleApi }): React.JSX.Element {
  const [queryClient] = useState(createQueryClient)
  return (
    <QueryClientProvider client={queryClient}>
      <ApiContext value={api}>
        <Dashboard />
      </ApiContext>
    </QueryClientProvider>
  )
}
