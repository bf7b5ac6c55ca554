// What the dashboard shows (site, account, range), kept in the address bar so a reload or a link keeps it.
import { useCallback, useEffect, useState } from 'react'
import { defaultRange, isRangeKey, type RangeKey } from '../../../shared/stats/ranges'

export interface Selection {
  /** Unset: the default account's first site. */
  site?: string
  account?: string
  range: RangeKey
}

/** `?site=…&account=…&period=…`: Plausible's own dashboard calls the range "period" in its URLs. */
export function readSelection(search: string): Selection {
  const params = new URLSearchParams(search)
  const period = params.get('period')
  const site = params.get('site')
  const account = params.get('account')
  return {
    range: isRangeKey(period) ? period : defaultRange,
    ...(site ? { site } : {}),
    ...(account ? { account } : {}),
  }
}

export function writeSelection(search: string, selection: Selection): string {
  const params = new URLSearchParams(search)
  for (const [key, value] of [
    ['site', selection.site],
    ['account', selection.account],
    ['period', selection.range === defaultRange ? undefined : selection.range],
  ] as const) {
    if (value) params.set(key, value)
    else params.delete(key)
  }
  const text = params.toString()
  return text ? `?${text}` : ''
}

export function useSelection(): [Selection, (change: Partial<Selection>) => void] {
  const [selection, setSelection] = useState(() => readSelection(window.location.search))
  useEffect(() => {
    const search = writeSelection(window.location.search, selection)
    if (search === window.location.search) return
    window.history.replaceState(
      window.history.state,
      '',
      `${window.location.pathname}${search}${window.location.hash}`,
    )
  }, [selection])
  const update = useCallback(
    (change: Partial<Selection>) => setSelection((current) => ({ ...current, ...change })),
    [],
  )
  return [selection, update]
}
