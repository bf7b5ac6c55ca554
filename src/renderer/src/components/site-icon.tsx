// A site's or a referrer's icon: its favicon when the user turned site icons on in Settings and its server had one (a
// data: URL the core fetched and keeps; the page itself loads no remote image), else a letter tile in a
// colour of its own per domain.
import { useSiteIconImage } from '../api/site-icon-queries'

export function SiteIcon({ domain, account }: { domain: string; account?: string }): React.JSX.Element {
  const image = useSiteIconImage(account, domain)
  if (image) {
    return <img className="site-icon site-icon--image" src={image} alt="" data-testid="site-icon-image" />
  }
  let hash = 0
  for (const char of domain) hash = (hash * 31 + char.charCodeAt(0)) >>> 0
  return (
    <span className={`site-icon site-icon--${hash % 6}`} aria-hidden="true" data-testid="site-icon-letter">
      {domain.charAt(0).toUpperCase()}
    </span>
  )
}

/**
 * A referrer's icon in the Sources panel (the server's favicon route knows "Google" as google.com): shown
 * only when site icons are on and the server had one; otherwise the row keeps its plain name.
 */
export function SourceIcon({ name, account }: { name: string; account: string }): React.JSX.Element | null {
  const image = useSiteIconImage(account, name)
  return image ? <img className="source-icon" src={image} alt="" data-testid="source-icon-image" /> : null
}
