// Imported first by main.tsx: the shared query builders validate through zod, whose JIT probes
// `new Function` while schemas are built; the page's CSP (script-src 'self') refuses that and reports a
// violation. Interpreted parsing is plenty for a few queries a second.
import { config } from 'zod'

config({ jitless: true })
