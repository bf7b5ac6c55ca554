import {
  chmodSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createFileSecretStore } from '../../../../src/core/secrets/file-secret-store'

const key = 'file-key-0123456789abcdefghijklmnopqrstuv'
const setup = () => {
  const folder = join(mkdtempSync(join(tmpdir(), 'plausible-secrets-')), 'secrets')
  const warnings: string[] = []
  const store = createFileSecretStore({ folder, onWarning: (message) => warnings.push(message) })
  return { folder, warnings, store }
}
const modeOf = (path: string) => statSync(path).mode & 0o777

describe('file secret store', () => {
  it('keeps a key in <alias>.key with mode 0600 inside a 0700 folder, and reads it back', async () => {
    const { folder, store } = setup()
    await store.set('work', key)
    expect(modeOf(folder)).toBe(0o700)
    expect(modeOf(join(folder, 'work.key'))).toBe(0o600)
    expect(await store.get('work')).toBe(key)
    expect(store.kind).toBe('file')
  })

  it('replaces a key by rename, leaving no temp file behind', async () => {
    const { folder, store } = setup()
    await store.set('work', key)
    await store.set('work', `${key}-new`)
    expect(readdirSync(folder)).toEqual(['work.key'])
    expect(readFileSync(join(folder, 'work.key'), 'utf8')).toBe(`${key}-new\n`)
  })

  it('answers null for an alias without a key, and deletes once', async () => {
    const { store } = setup()
    expect(await store.get('nobody')).toBeNull()
    await store.set('work', key)
    expect(await store.delete('work')).toBe(true)
    expect(await store.delete('work')).toBe(false)
    expect(await store.get('work')).toBeNull()
  })

  it('refuses a key file that others can read, naming the file and the fix, without reading it', async () => {
    const { folder, store } = setup()
    await store.set('work', key)
    chmodSync(join(folder, 'work.key'), 0o644)
    const error = await store.get('work').catch((caught: unknown) => caught)
    expect(error).toMatchObject({ code: 'SECRET_FILE_UNSAFE' })
    expect((error as Error).message).toBe(
      `${join(folder, 'work.key')} can be read by other users (mode 0644), so Plausible Desktop does not use it.`,
    )
    expect((error as { hint: string }).hint).toContain(`chmod 600 ${join(folder, 'work.key')}`)
    expect(JSON.stringify(error)).not.toContain(key)
  })

  it('sets a folder open to others back to 0700 and says so', async () => {
    const { folder, store, warnings } = setup()
    await store.set('work', key)
    chmodSync(folder, 0o755)
    expect(await store.get('work')).toBe(key)
    expect(modeOf(folder)).toBe(0o700)
    expect(warnings).toEqual([`${folder} was open to other users (mode 0755); it was set back to 0700.`])
  })

  it('refuses a key file that is a symbolic link', async () => {
    const { folder, store } = setup()
    await store.set('work', key)
    const elsewhere = join(folder, '..', 'elsewhere.key')
    writeFileSync(elsewhere, key, { mode: 0o600 })
    symlinkSync(elsewhere, join(folder, 'linked.key'))
    await expect(store.get('linked')).rejects.toMatchObject({ code: 'SECRET_FILE_UNSAFE' })
  })

  it('refuses an alias that could name a path', async () => {
    const { store } = setup()
    await expect(store.set('../escape', key)).rejects.toMatchObject({ code: 'USAGE' })
  })
})
