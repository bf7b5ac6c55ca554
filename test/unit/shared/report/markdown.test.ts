import { describe, expect, it } from 'vitest'
import { escapeMarkdown, renderMarkdown } from '../../../../src/shared/report/markdown'
import { sampleReport, sampleSiteReport } from '../../../helpers/report-fixture'

const expected = `# Report for shop.example.com

Last 7 days · generated 2026-11-23 14:30 UTC

## shop.example.com

Last 7 days (16 Nov – 22 Nov 2026) · compared with 9 Nov – 15 Nov 2026 · Europe/Berlin · account work

| Metric | Last 7 days | 9 Nov – 15 Nov 2026 | Change |
| --- | ---: | ---: | ---: |
| Unique visitors | 1.2k | 1.1k | +12% |
| Total visits | 1.5k | 1.5k | 0% |
| Total pageviews | 4.3k | 4.8k | −10% |
| Views per visit | 2.88 | 3.2 | −10% |
| Bounce rate | 41% | 44% | −3 pts |
| Visit duration | 2m 05s | - | — |

**Visitors** \`▃▅▁█▄▂█\` peak 359 on 2026-11-22

### Top sources

| Source | Visitors | Bounce rate | Visit duration |
| --- | ---: | ---: | ---: |
| Google | 600 | 40% | 1m 05s |
| Direct / None | 400 | 50% | - |

### Top pages

| Page | Visitors | Pageviews | Bounce rate |
| --- | ---: | ---: | ---: |
| /pricing\\|plans | 300 | 420 | 33.3% |

### Countries

| Country | Visitors | % |
| --- | ---: | ---: |
| Germany | 700 | 56.7% |

### Devices

| Device | Visitors | % |
| --- | ---: | ---: |
| Desktop | 900 | 72.9% |

### Goal conversions

_Nothing in this period._

---

_Plausible Desktop · 9 reads: 8 API requests sent, 1 answered from the cache_
`

describe('renderMarkdown', () => {
  it('writes the fixed report exactly: tables, the sparkline, the empty goals table, the cost', () => {
    expect(renderMarkdown(sampleReport)).toBe(expected)
  })

  it('leaves the change columns out without a comparison', () => {
    const site = { ...sampleSiteReport, comparison: null }
    const text = renderMarkdown({ ...sampleReport, compare: null, sites: [site] })
    expect(text).toContain('| Metric | Last 7 days |\n| --- | ---: |\n| Unique visitors | 1.2k |\n')
    expect(text).not.toContain('compared with')
  })

  it('escapes markup in names, so a site or page cannot add a column, a link or a tag', () => {
    expect(escapeMarkdown('<b>a|b</b> [x](y) *z* `c` _u_ \\ #h')).toBe(
      '\\<b\\>a\\|b\\</b\\> \\[x\\](y) \\*z\\* \\`c\\` \\_u\\_ \\\\ \\#h',
    )
    expect(escapeMarkdown('two\nlines')).toBe('two lines')
  })

  it('lists the sites an all-sites report could not read, with the error’s words', () => {
    const text = renderMarkdown({
      ...sampleReport,
      failures: [
        {
          account: 'client',
          site: 'b.example',
          code: 'AUTH_INVALID',
          message: 'The key was refused.',
          hint: null,
        },
      ],
    })
    expect(text).toContain('## Not reported\n\n- b.example (client): The key was refused.\n')
  })
})
