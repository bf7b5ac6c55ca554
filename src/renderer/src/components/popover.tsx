// A button that opens a panel below it; closes on a click outside, on Esc, or when the panel asks.
import { useEffect, useRef, useState } from 'react'

export interface PopoverProps {
  /** The button's content. */
  label: React.ReactNode
  /** The panel; `close` shuts it. */
  children: (close: () => void) => React.ReactNode
  testId: string
  className?: string
  buttonClassName?: string
  align?: 'left' | 'right'
  title?: string
  /** Controlled open state (keyboard shortcuts open some popovers). */
  open?: boolean
  onOpenChange?: (open: boolean) => void
}

export function Popover({
  label,
  children,
  testId,
  className = '',
  buttonClassName = '',
  align = 'left',
  title,
  open: controlled,
  onOpenChange,
}: PopoverProps): React.JSX.Element {
  const [own, setOwn] = useState(false)
  const open = controlled ?? own
  const setOpen = (next: boolean): void => {
    setOwn(next)
    onOpenChange?.(next)
  }
  const root = useRef<HTMLDivElement>(null)
  useEffect(() => {
    if (!open) return
    const close = (): void => {
      setOwn(false)
      onOpenChange?.(false)
    }
    const onDown = (event: MouseEvent): void => {
      if (root.current && !root.current.contains(event.target as Node)) close()
    }
    const onKey = (event: KeyboardEvent): void => {
      if (event.key === 'Escape') {
        event.preventDefault()
        close()
      }
    }
    document.addEventListener('mousedown', onDown)
    document.addEventListener('keydown', onKey, true)
    return () => {
      document.removeEventListener('mousedown', onDown)
      document.removeEventListener('keydown', onKey, true)
    }
  }, [open, onOpenChange])
  return (
    <div className={`popover ${className}`} ref={root}>
      <button
        type="button"
        className={`popover__button ${buttonClassName}`}
        data-testid={testId}
        aria-expanded={open}
        aria-haspopup="true"
        title={title}
        onClick={() => setOpen(!open)}
      >
        {label}
      </button>
      {open ? (
        <div className={`popover__panel popover__panel--${align}`} data-testid={`${testId}-panel`}>
          {children(() => setOpen(false))}
        </div>
      ) : null}
    </div>
  )
}
