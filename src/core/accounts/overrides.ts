// One-run overrides from the environment (and the CLI's flags, which set the same fields).
import { insecureHttpVariable } from '../../shared/plain-http'

export interface AccountOverrides {
  /** PLAUSIBLE_API_KEY: a key for this run only, never stored. */
  apiKey?: string
  /** PLAUSIBLE_ACCOUNT / --account: the alias to use when a call names none. */
  account?: string
  /** PLAUSIBLE_BASE_URL / --base-url: the server for this run. */
  baseUrl?: string
  /** PLAUSIBLE_HOURLY_LIMIT / --hourly-limit: the hourly budget for this run. */
  hourlyLimit?: number
  /** PLAUSIBLE_ALLOW_INSECURE_HTTP=1: keys may go over plain http to a remote server in this run. */
  allowInsecureHttp?: boolean
}

/** `1`, `true` or `yes`: the way a variable says yes, whatever its case. */
function isYes(value: string | undefined): boolean {
  return ['1', 'true', 'yes'].includes(value?.trim().toLowerCase() ?? '')
}

export function overridesFromEnv(env: Record<string, string | undefined>): AccountOverrides {
  const limit = env.PLAUSIBLE_HOURLY_LIMIT ? Number(env.PLAUSIBLE_HOURLY_LIMIT) : undefined
  return {
    ...(env.PLAUSIBLE_API_KEY?.trim() ? { apiKey: env.PLAUSIBLE_API_KEY.trim() } : {}),
    ...(env.PLAUSIBLE_ACCOUNT?.trim() ? { account: env.PLAUSIBLE_ACCOUNT.trim() } : {}),
    ...(env.PLAUSIBLE_BASE_URL?.trim() ? { baseUrl: env.PLAUSIBLE_BASE_URL.trim() } : {}),
    ...(limit !== undefined && Number.isInteger(limit) && limit > 0 ? { hourlyLimit: limit } : {}),
    ...(isYes(env[insecureHttpVariable]) ? { allowInsecureHttp: true } : {}),
  }
}
