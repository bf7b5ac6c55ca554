// Writes over the contract as react-query mutations: one hook per call, and after it succeeds the
// queries whose answers it changed are marked stale (by the call names that are their keys' roots).
import { useMutation, useQueryClient } from '@tanstack/react-query'
import type { CallInput, CallName, CallOutput } from '../../../shared/contract'
import { useApi } from './client'

/**
 * `name` is the call; `invalidates` lists the call names whose cached answers this write makes wrong.
 * The error stays on the mutation (a PlausibleError with message + hint) for the form to show.
 */
export function useCallMutation<N extends CallName>(name: N, invalidates: readonly CallName[] = []) {
  const api = useApi()
  const client = useQueryClient()
  return useMutation<CallOutput<N>, Error, CallInput<N>>({
    mutationKey: [name],
    mutationFn: (input) => api[name](input),
    onSuccess: async () => {
      await Promise.all(invalidates.map((key) => client.invalidateQueries({ queryKey: [key] })))
    },
  })
}
