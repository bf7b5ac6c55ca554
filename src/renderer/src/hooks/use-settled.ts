// A value that follows another once it stops changing for `delayMs`: typed text is sent when typing pauses.
import { useEffect, useState } from 'react'

export function useSettled<T>(value: T, delayMs: number): T {
  const [settled, setSettled] = useState(value)
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), delayMs)
    return () => clearTimeout(timer)
  }, [value, delayMs])
  return settled
}
