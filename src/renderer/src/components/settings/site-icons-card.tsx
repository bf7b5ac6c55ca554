// Why the overview and the site switcher draw a letter tile instead of each site's favicon: fetching one
// tells someone which sites you look at. Said in Settings, where a switch to fetch them would live.
export function SiteIconsCard(): React.JSX.Element {
  return (
    <section className="card" data-testid="site-icons-card" aria-labelledby="site-icons-title">
      <div className="card__head">
        <h2 id="site-icons-title" className="card__title">
          Site icons
        </h2>
        <span className="badge" data-testid="site-icons-mode">
          Letter tiles
        </span>
      </div>
      <p className="card__intro">
        Each site is shown with a letter tile. The window fetches no favicon: asking for one would tell the
        site itself, or your Plausible server’s favicon proxy (<code>/favicon/sources/&lt;domain&gt;</code>),
        which sites you look at and when, and the window loads no image from the network. Fetching favicons
        once into this app’s own folder, only if you switch it on here, is not built yet.
      </p>
    </section>
  )
}
