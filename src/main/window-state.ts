// Remembers the window's size and position in window-state.json beside config.json (atomic write), and
// puts a remembered window back only where a display still shows it. No electron import: tested plainly.
import { randomBytes } from 'node:crypto'
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { z } from 'zod'

export interface Rectangle {
  x: number
  y: number
  width: number
  height: number
}

const WindowState = z.object({
  x: z.number().int().optional(),
  y: z.number().int().optional(),
  width: z.number().int().min(200).max(20_000),
  height: z.number().int().min(200).max(20_000),
  isMaximized: z.boolean().default(false),
})
export type WindowState = z.infer<typeof WindowState>

export const defaultWindowState: WindowState = { width: 1200, height: 800, isMaximized: false }

/** The saved state, or the default when there is none or it does not parse (a cosmetic file: never fatal). */
export function readWindowState(file: string): WindowState {
  try {
    const parsed = WindowState.safeParse(JSON.parse(readFileSync(file, 'utf8')))
    return parsed.success ? parsed.data : defaultWindowState
  } catch {
    return defaultWindowState
  }
}

/** Temp file + rename, so a crash mid-write leaves the old state rather than half a file. */
export function writeWindowState(file: string, state: WindowState): void {
  const temp = `${file}.${randomBytes(4).toString('hex')}.tmp`
  try {
    writeFileSync(temp, `${JSON.stringify(state, null, 2)}\n`, { mode: 0o600 })
    renameSync(temp, file)
  } catch (error) {
    rmSync(temp, { force: true })
    throw error
  }
}

/**
 * Drops the saved position when no display's work area holds enough of the window to grab it
 * (a monitor was unplugged), so the window is centred instead of opening off-screen.
 */
export function fitToDisplays(state: WindowState, workAreas: Rectangle[]): WindowState {
  if (state.x === undefined || state.y === undefined) return state
  const { x, y } = state
  const titleBar: Rectangle = { x, y, width: state.width, height: 40 }
  const isReachable = workAreas.some((area) => overlap(titleBar, area) >= 40 * 40)
  if (isReachable) return state
  return { width: state.width, height: state.height, isMaximized: state.isMaximized }
}

function overlap(a: Rectangle, b: Rectangle): number {
  const width = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x)
  const height = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y)
  return width > 0 && height > 0 ? width * height : 0
}
