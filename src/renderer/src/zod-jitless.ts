// Imported first by main.tsx: the shared query builders validate through zod, whose JIT probes
// `new Function` while schemas are built; the page's CSP (script-src 'self') refuses that and reports a
// violation. Interpreted parsing is plenty for a few queries a second. The build puts this module in
// zod's own chunk (rendererVendorChunks in scripts/renderer-bundle.ts), so it runs before any other
// chunk builds a schema; the e2e tests fail on the CSP report if it ever does not.
import { config } from 'zod'

config({ jitless: true })
