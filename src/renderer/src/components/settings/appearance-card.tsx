// Light or dark beside "follow the system": saved in this window's storage and applied at once.
import { useState } from 'react'
import { readTheme, saveTheme, themes, type Theme } from '../../theme'

const labels: Record<Theme, string> = { system: 'Follow the system', light: 'Light', dark: 'Dark' }

export function AppearanceCard(): React.JSX.Element {
  const [theme, setTheme] = useState<Theme>(readTheme)
  return (
    <section className="card" data-testid="appearance-card" aria-labelledby="appearance-title">
      <div className="card__head">
        <h2 id="appearance-title" className="card__title">
          Appearance
        </h2>
      </div>
      <fieldset className="choice-row">
        <legend className="visually-hidden">Theme</legend>
        {themes.map((option) => (
          <label className="check" key={option}>
            <input
              type="radio"
              name="theme"
              value={option}
              checked={theme === option}
              data-testid={`theme-${option}`}
              onChange={() => {
                saveTheme(option)
                setTheme(option)
              }}
            />
            {labels[option]}
          </label>
        ))}
      </fieldset>
    </section>
  )
}
