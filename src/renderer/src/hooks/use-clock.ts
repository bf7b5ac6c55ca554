// The wall clock for what is shown about time (ages, "next in", a budget's reset): re-read every
// `everyMs`, never used for what is asked of the server (query keys take their own "now").
import { useEffect, useState } from 'react'

export function useClock(everyMs: number): number {
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs)
    return () => clearInterval(timer)
  }, [everyMs])
  return now
}
