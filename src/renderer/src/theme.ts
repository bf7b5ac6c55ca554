// Light or dark: the system's choice unless the user pins one in Settings. Kept in localStorage and put on
// <html data-theme> before the first paint (main.tsx), so a pinned theme never flashes the other one;
// styles.css turns it into color-scheme, which picks each light-dark() colour.
export const themes = ['system', 'light', 'dark'] as const
export type Theme = (typeof themes)[number]

export const themeStorageKey = 'plausible-desktop:theme'

export function readTheme(): Theme {
  try {
    const stored = localStorage.getItem(themeStorageKey)
    return (themes as readonly string[]).includes(stored ?? '') ? (stored as Theme) : 'system'
  } catch {
    return 'system'
  }
}

export function applyTheme(theme: Theme): void {
  if (theme === 'system') delete document.documentElement.dataset.theme
  else document.documentElement.dataset.theme = theme
}

export function saveTheme(theme: Theme): void {
  applyTheme(theme)
  try {
    if (theme === 'system') localStorage.removeItem(themeStorageKey)
    else localStorage.setItem(themeStorageKey, theme)
  } catch {
    // Storage off: the choice lasts this session only.
  }
}
