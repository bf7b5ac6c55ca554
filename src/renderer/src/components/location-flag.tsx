// A location row's flag: an emoji from the ISO code (the system's font draws it: no image, no request).
import { locationFlag } from '../../../shared/stats/country-map'

/** The flag before a country's or region's name; nothing for other rows. */
export function Flag({ dimension, value }: { dimension: string; value: string }): React.JSX.Element | null {
  const flag = locationFlag(dimension, value)
  return flag ? (
    <span className="row__flag" aria-hidden="true">
      {flag}{' '}
    </span>
  ) : null
}
