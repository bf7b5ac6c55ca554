// API keys of the sandbox and the §2 Authorization check: the literal "Bearer " prefix, then a known key.
import { createRandom } from './random'

export type Scope = 'stats:read:*' | 'sites:provision:*'

export interface ApiKey {
  /** The secret, as a client sends it. */
  key: string
  /** Stable id for the rate-limit counter (§3 counts per key id). */
  id: string
  scopes: readonly Scope[]
}

const keyAlphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'

/** Real keys are random 64-character URL-safe strings (§2); the sandbox derives its own from the seed. */
export function sandboxKey(seed: number, name: string): string {
  const random = createRandom(seed, 'api-key', name)
  let key = ''
  for (let i = 0; i < 64; i++) key += keyAlphabet[random.int(0, keyAlphabet.length - 1)]
  return key
}

/** The demo key (may provision sites) and a plain stats key, both fixed by the seed. */
export function sandboxKeys(seed: number): { demo: ApiKey; statsOnly: ApiKey } {
  return {
    demo: { key: sandboxKey(seed, 'demo'), id: 'demo', scopes: ['sites:provision:*'] },
    statsOnly: { key: sandboxKey(seed, 'stats'), id: 'stats', scopes: ['stats:read:*'] },
  }
}

export type AuthResult = { kind: 'missing' } | { kind: 'invalid' } | { kind: 'ok'; apiKey: ApiKey }

/** Only the first Authorization header counts, and only with the case-sensitive `Bearer ` prefix (§2). */
export function authenticate(header: string | string[] | undefined, keys: readonly ApiKey[]): AuthResult {
  const first = Array.isArray(header) ? header[0] : header
  if (first === undefined || !first.startsWith('Bearer ')) return { kind: 'missing' }
  const token = first.slice('Bearer '.length).trim()
  const apiKey = keys.find((candidate) => candidate.key === token)
  return apiKey ? { kind: 'ok', apiKey } : { kind: 'invalid' }
}

export const authMessages = {
  missing: 'Missing API key. Please use a valid Plausible API key as a Bearer Token.',
  invalidForSite:
    "Invalid API key or site ID. Please make sure you're using a valid API key with access to the site you've requested.",
  invalidForSites:
    "Invalid API key. Please make sure you're using a valid API key with access to the resource you've requested.",
  missingSiteId: 'Missing site ID. Please provide the required site_id parameter with your request.',
} as const
