// config.json through `conf` (electron-store's base), for the CLI and `plausible ui` outside Electron.
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import Conf from 'conf'
import { PlausibleError } from '../../shared/errors'
import type { SettingsStore, StoredConfig } from '../ports'
import { setConfigAside } from './config-copy'
import { StoredConfigSchema, emptyConfig } from './config-schema'

export const configFileName = 'config.json'

/**
 * A corrupt config is moved aside (never silently reset) and the move is reported through `onWarning`.
 */
export function createConfSettingsStore(
  configDir: string,
  onWarning: (message: string) => void = () => {},
): SettingsStore {
  const path = join(configDir, configFileName)
  quarantineIfCorrupt(path, onWarning)
  const conf = new Conf<Record<string, unknown>>({
    cwd: configDir,
    configName: 'config',
    projectName: 'plausible-desktop',
  })
  return {
    read() {
      const parsed = StoredConfigSchema.safeParse({ ...emptyConfig(), ...conf.store })
      if (!parsed.success) {
        throw new PlausibleError('INTERNAL', {
          message: `The settings in ${path} do not match the expected shape.`,
          hint: 'Move the file aside and add the accounts again; it never holds keys.',
        })
      }
      return parsed.data
    },
    write(config: StoredConfig) {
      // conf writes atomically (temp file + rename).
      conf.set({ ...StoredConfigSchema.parse(config) })
    },
  }
}

function quarantineIfCorrupt(path: string, onWarning: (message: string) => void): void {
  if (!existsSync(path)) return
  const text = readFileSync(path, 'utf8')
  let ok: boolean
  try {
    const value: unknown = JSON.parse(text)
    ok = StoredConfigSchema.partial().safeParse(value).success
  } catch {
    ok = false
  }
  if (ok) return
  const aside = setConfigAside(path, Date.now())
  onWarning(`${path} was unreadable; it was moved to ${aside} and a fresh config was started.`)
}
