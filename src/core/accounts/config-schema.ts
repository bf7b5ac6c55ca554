// The schema of config.json, shared by the CLI's conf adapter and the app's electron-store adapter.
import { z } from 'zod'
import { lazySchema } from '../../shared/lazy-schema'
import * as fastPaths from '../../shared/schema-fast-path/generated'
import { withFastPath } from '../../shared/schema-fast-path/runtime'
import type { StoredConfig } from '../ports'

export const StoredAccountSchema = lazySchema(() =>
  z.object({
    alias: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,39}$/i),
    baseUrl: z.string().min(1),
    hourlyLimit: z.number().int().positive(),
    // Optional, so a config.json written before daily caps existed still reads.
    dailyCap: z.number().int().positive().optional(),
    isDemo: z.boolean().optional(),
    /** Consent to send the key over plain http to this baseUrl (not https, not loopback). */
    allowInsecureHttp: z.boolean().optional(),
  }),
)

export const StoredConfigSchema = withFastPath(
  lazySchema(() =>
    z.object({ accounts: z.array(StoredAccountSchema), defaultAccount: z.string().nullable() }),
  ),
  fastPaths.StoredConfig,
)

export const emptyConfig = (): StoredConfig => ({ accounts: [], defaultAccount: null })

/** plausible.io's limit (plausible-api.md §3); self-hosted CE allows 1,000,000. */
export const defaultHourlyLimit = 600

export const demoAccount = {
  alias: 'demo',
  baseUrl: 'builtin:sandbox',
  hourlyLimit: defaultHourlyLimit,
  isDemo: true,
} as const
