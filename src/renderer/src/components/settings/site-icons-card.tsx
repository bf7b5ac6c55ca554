// Site icons: letter tiles unless the user turns favicons on. Fetching one tells the account's server —
// and through its favicon proxy the site itself or DuckDuckGo — which sites this machine looks at, so the
// card says that before the switch, and turning it off forgets every icon kept.
import { useQueryClient } from '@tanstack/react-query'
import { useApi } from '../../api/client'
import { useSiteIconSettings } from '../../api/site-icon-queries'
import { SavedSwitch } from './saved-switch'

export function SiteIconsCard(): React.JSX.Element {
  const api = useApi()
  const client = useQueryClient()
  const settings = useSiteIconSettings()
  const isOn = settings.data?.fetch === true
  return (
    <section className="card" data-testid="site-icons-card" aria-labelledby="site-icons-title">
      <div className="card__head">
        <h2 id="site-icons-title" className="card__title">
          Site icons
        </h2>
        <span className="badge" data-testid="site-icons-mode">
          {isOn ? 'Favicons' : 'Letter tiles'}
        </span>
      </div>
      <p className="card__intro">
        Each site is shown with a letter tile unless you turn favicons on. Then the window asks each account’s
        Plausible server for the site’s icon (<code>/favicon/sources/&lt;domain&gt;</code>, without your API
        key and without spending its budget); that server looks at the site itself, then DuckDuckGo, so both
        may learn which sites you look at. Icons are kept a day in this app’s folder
        {settings.data ? (
          <>
            {' '}
            (<code data-testid="site-icons-folder">{settings.data.folder}</code>,{' '}
            <span data-testid="site-icons-cached">{settings.data.cached}</span> kept)
          </>
        ) : null}
        ; turning favicons off deletes them.
      </p>
      {settings.data ? (
        <SavedSwitch
          saved={isOn}
          save={async (fetch) => {
            await api['siteIcons.set']({ fetch })
            await client.invalidateQueries({ queryKey: ['siteIcons.icon'] })
          }}
          invalidates="siteIcons.get"
          label="Fetch site favicons through each account’s server"
          hint="off by default"
          testId="site-icons-fetch"
        />
      ) : null}
    </section>
  )
}
