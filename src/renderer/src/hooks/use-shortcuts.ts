// Plausible's single-key shortcuts on the whole window; ignored while typing or with a modifier held.
import { useEffect, useRef } from 'react'

export type ShortcutHandler = (key: string, event: KeyboardEvent) => boolean | void

/** Calls `handler` with the lower-cased key ("d", "arrowleft", "escape", "1"); a true return stops the key. */
export function useShortcuts(handler: ShortcutHandler): void {
  const latest = useRef(handler)
  useEffect(() => {
    latest.current = handler
  })
  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      if (event.metaKey || event.ctrlKey || event.altKey || event.repeat || event.defaultPrevented) return
      const target = event.target as HTMLElement | null
      const typing =
        target !== null && (/^(INPUT|SELECT|TEXTAREA)$/.test(target.tagName) || target.isContentEditable)
      // Esc still closes and clears from a field; letters there are text.
      if (typing && event.key !== 'Escape') return
      if (latest.current(event.key.toLowerCase(), event) === true) event.preventDefault()
    }
    document.addEventListener('keydown', onKey)
    return () => document.removeEventListener('keydown', onKey)
  }, [])
}
