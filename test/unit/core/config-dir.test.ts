import { mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs'
import * as fsPromises from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { configDirError, isConfigDirFailure, prepareConfigDir } from '../../../src/core/config-dir'
import { openCore } from '../../../src/core/core'
import { dispatch } from '../../../src/core/dispatch'
import { startSandbox } from '../../../src/core/sandbox'
import { PlausibleError } from '../../../src/shared/errors'
import { memorySettings } from '../../helpers/memory-settings'

// The read-only case needs a file system that refuses writes even to root: `open` is made to answer EROFS.
const refusal = vi.hoisted(() => ({ openUnder: null as string | null, code: 'EROFS' }))
vi.mock('node:fs/promises', async (importOriginal) => {
  const actual = await importOriginal<typeof fsPromises>()
  return {
    ...actual,
    open: (path: string, ...rest: unknown[]) => {
      if (refusal.openUnder && String(path).startsWith(refusal.openUnder)) {
        const error = Object.assign(new Error(`${refusal.code}: refused, open '${path}'`), {
          code: refusal.code,
          syscall: 'open',
          path,
        })
        return Promise.reject(error)
      }
      return (actual.open as (...args: unknown[]) => unknown)(path, ...rest)
    },
  }
})

afterEach(() => {
  refusal.openUnder = null
})

const scratch = (): string => mkdtempSync(join(tmpdir(), 'config-dir-'))
const hint = (remedy: string): string =>
  `${remedy}, or point PLAUSIBLE_CONFIG_DIR at a folder you can write (for example PLAUSIBLE_CONFIG_DIR="$HOME/plausible-desktop").`

async function failureOf(dir: string): Promise<PlausibleError> {
  const error = await prepareConfigDir(dir).then(
    () => null,
    (thrown: unknown) => thrown,
  )
  if (!(error instanceof PlausibleError)) throw new Error(`expected a PlausibleError, got ${String(error)}`)
  return error
}

describe('prepareConfigDir', () => {
  it('creates every missing level with mode 0700 and leaves no probe file behind', async () => {
    const root = scratch()
    const dir = join(root, 'a', 'b', 'c')
    await prepareConfigDir(dir)
    for (const level of [join(root, 'a'), join(root, 'a', 'b'), dir])
      expect(statSync(level).mode & 0o777).toBe(0o700)
    expect(readdirSync(dir)).toEqual([])
  })

  it('accepts a folder that already exists and is writable', async () => {
    const dir = scratch()
    await prepareConfigDir(dir)
    expect(readdirSync(dir)).toEqual([])
  })

  it.runIf(process.platform === 'linux')(
    'ends at once under /proc, where a recursive mkdir spins forever, naming the parent that refuses',
    async () => {
      const started = performance.now()
      const error = await failureOf('/proc/plausible-config-dir-test')
      expect(performance.now() - started).toBeLessThan(1000)
      expect(error.code).toBe('CONFIG_DIR')
      expect(error.message).toBe(
        'The config folder /proc/plausible-config-dir-test cannot be used: /proc does not accept new folders or files (ENOENT).',
      )
      expect(error.hint).toBe(hint('Use a folder whose parent exists and takes new folders'))
    },
  )

  it('names a regular file standing where the folder should be', async () => {
    const file = join(scratch(), 'config')
    writeFileSync(file, '')
    const error = await failureOf(file)
    expect(error.message).toBe(
      `The config folder ${file} cannot be used: ${file} is a file, not a folder (ENOTDIR).`,
    )
    expect(error.hint).toBe(hint('Move the file out of the way'))
  })

  it('names the file when one stands higher up the path', async () => {
    const file = join(scratch(), 'config')
    writeFileSync(file, '')
    const error = await failureOf(join(file, 'deeper', 'still'))
    expect(error.message).toBe(
      `The config folder ${join(file, 'deeper', 'still')} cannot be used: ${file} is a file, not a folder (ENOTDIR).`,
    )
  })

  it('reports a read-only folder as read-only, naming the folder rather than the probe', async () => {
    const dir = scratch()
    refusal.openUnder = dir
    const error = await failureOf(dir)
    expect(error.message).toBe(
      `The config folder ${dir} cannot be used: it is on a read-only file system (EROFS).`,
    )
    expect(error.hint).toBe(hint('Remount the disk read-write'))
  })

  it('reports a folder without write permission with the chmod that fixes it', async () => {
    const dir = scratch()
    refusal.openUnder = dir
    refusal.code = 'EACCES'
    try {
      const error = await failureOf(dir)
      expect(error.message).toBe(`The config folder ${dir} cannot be used: permission denied (EACCES).`)
      expect(error.hint).toBe(hint(`Give your user write access to ${dir} (\`chmod u+rwx "${dir}"\`)`))
    } finally {
      refusal.code = 'EROFS'
    }
  })
})

describe('isConfigDirFailure', () => {
  const folder = '/home/ada/.config/Plausible Desktop'
  const errno = (path: string) => Object.assign(new Error('x'), { code: 'EROFS', syscall: 'open', path })

  it('is true for the folder itself and for a path inside it', () => {
    expect(isConfigDirFailure(folder, errno(folder))).toBe(true)
    expect(isConfigDirFailure(folder, errno(`${folder}/usage.json.lock`))).toBe(true)
  })

  it('is false for a sibling whose name starts the same, for the parent and for errors without a path', () => {
    expect(isConfigDirFailure(folder, errno(`${folder} Old/usage.json`))).toBe(false)
    expect(isConfigDirFailure(folder, errno('/home/ada/.config'))).toBe(false)
    expect(isConfigDirFailure(folder, new Error('fetch failed'))).toBe(false)
  })

  it('turns a mid-run failure into CONFIG_DIR naming the file and the errno', () => {
    const error = configDirError(folder, errno(`${folder}/usage.json`))
    expect(error.message).toBe(
      `The config folder ${folder} cannot be used: ${folder}/usage.json: it is on a read-only file system (EROFS).`,
    )
  })
})

describe('openCore on an unusable config folder', () => {
  it('fails with CONFIG_DIR before creating anything', async () => {
    const file = join(scratch(), 'config')
    writeFileSync(file, '')
    await expect(
      openCore({ configDir: join(file, 'sub'), env: {}, deliverJournal: false }),
    ).rejects.toMatchObject({ code: 'CONFIG_DIR' })
  })

  it('answers a read whose ledger cannot be written with CONFIG_DIR, not as a network failure', async () => {
    const sandbox = await startSandbox({ port: 0 })
    const dir = scratch()
    const core = await openCore({
      configDir: dir,
      env: { PLAUSIBLE_API_KEY: sandbox.apiKey, PLAUSIBLE_BASE_URL: sandbox.baseUrl },
      settings: memorySettings(),
      deliverJournal: false,
    })
    try {
      // The ledger's folder turns read-only after the core opened (a remount, a full disk).
      refusal.openUnder = join(dir, 'usage.json')
      const wire = await dispatch(core.handlers, 'stats.query', {
        query: { site_id: 'shop.example.com', metrics: ['visitors'], date_range: '7d' },
      })
      expect(wire).toEqual({
        ok: false,
        error: expect.objectContaining({
          code: 'CONFIG_DIR',
          message: `The config folder ${dir} cannot be used: ${join(dir, 'usage.json.lock')}: it is on a read-only file system (EROFS).`,
        }),
      })
    } finally {
      refusal.openUnder = null
      await core.close()
      await sandbox.close()
    }
  })
})
