import type * as fs from 'node:fs'
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, statSync, symlinkSync, writeFileSync } from 'node:fs'
import * as fsPromises from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import {
  configDirError,
  isConfigDirFailure,
  makePrivate,
  tightenedWarning,
  prepareConfigDir,
} from '../../../src/core/config-dir'
import { openCore } from '../../../src/core/core'
import { dispatch } from '../../../src/core/dispatch'
import { startSandbox } from '../../../src/core/sandbox'
import { PlausibleError } from '../../../src/shared/errors'
import { memorySettings } from '../../helpers/memory-settings'

// The read-only case needs a file system that refuses writes even to root: `open` is made to answer EROFS.
const refusal = vi.hoisted(() => ({ openUnder: null as string | null, code: 'EROFS', chmod: false }))
// Every way a file gets created (open, writeFile, link, and their synchronous forms) is refused under
// `openUnder`.
vi.mock('node:fs/promises', async (importOriginal) => {
  const actual = await importOriginal<typeof fsPromises>()
  const refusing =
    (syscall: string, original: (...args: never[]) => unknown, pathAt = 0) =>
    (...args: unknown[]) => {
      const path = String(args[pathAt])
      if (refusal.openUnder && path.startsWith(refusal.openUnder)) {
        const error = Object.assign(new Error(`${refusal.code}: refused, ${syscall} '${path}'`), {
          code: refusal.code,
          syscall,
          path,
        })
        return Promise.reject(error)
      }
      return (original as (...args: unknown[]) => unknown)(...args)
    }
  return {
    ...actual,
    open: refusing('open', actual.open),
    writeFile: refusing('open', actual.writeFile),
    link: refusing('link', actual.link, 1),
  }
})

// The folder's own checks (config-dir.ts) and the ledger's step under its lock (file-lock.ts,
// atomic-file.ts) create their files synchronously.
vi.mock('node:fs', async (importOriginal) => {
  const actual = await importOriginal<typeof fs>()
  const refusing =
    (syscall: string, original: (...args: never[]) => unknown, pathAt = 0) =>
    (...args: unknown[]) => {
      const path = String(args[pathAt])
      if (refusal.openUnder && path.startsWith(refusal.openUnder))
        throw Object.assign(new Error(`${refusal.code}: refused, ${syscall} '${path}'`), {
          code: refusal.code,
          syscall,
          path,
        })
      return (original as (...args: unknown[]) => unknown)(...args)
    }
  return {
    ...actual,
    openSync: refusing('open', actual.openSync),
    writeFileSync: (...args: Parameters<typeof actual.writeFileSync>) =>
      // A descriptor was opened (and refused) already; a path is created here.
      typeof args[0] === 'number'
        ? actual.writeFileSync(...args)
        : (refusing('open', actual.writeFileSync) as typeof actual.writeFileSync)(...args),
    linkSync: refusing('link', actual.linkSync, 1),
    // A folder owned by someone else: chmod answers EPERM.
    chmodSync: (...args: Parameters<typeof actual.chmodSync>) => {
      if (refusal.chmod)
        throw Object.assign(new Error('EPERM'), { code: 'EPERM', syscall: 'chmod', path: args[0] })
      actual.chmodSync(...args)
    },
  }
})

afterEach(() => {
  refusal.openUnder = null
  refusal.chmod = false
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

describe.runIf(process.platform !== 'win32')('a config folder made before it was kept private', () => {
  const modeOf = (path: string): string => (statSync(path).mode & 0o777).toString(8)

  /** What older versions, conf's defaults and a folder made by hand left behind. */
  function openFolder(): { dir: string; outside: string } {
    const dir = scratch()
    chmodSync(dir, 0o755)
    writeFileSync(join(dir, 'config.json'), '{}', { mode: 0o644 })
    writeFileSync(join(dir, 'usage.json'), '{}')
    chmodSync(join(dir, 'usage.json'), 0o664)
    writeFileSync(join(dir, 'launcher.sh'), '', { mode: 0o755 })
    mkdirSync(join(dir, 'queue'), { mode: 0o755 })
    writeFileSync(join(dir, 'queue', 'note.json'), '{}', { mode: 0o644 })
    const outside = join(scratch(), 'shared.txt')
    writeFileSync(outside, '', { mode: 0o644 })
    symlinkSync(outside, join(dir, 'link.txt'))
    chmodSync(outside, 0o644)
    return { dir, outside }
  }

  it('takes group and other access from the folder and each entry in it, keeping the owner bits', async () => {
    const { dir, outside } = openFolder()
    const report = await prepareConfigDir(dir)
    expect(report.notPrivate).toEqual([])
    // Each entry tightened is reported with the mode it had, for the one warning openCore gives.
    expect(report.tightened.map(({ path, mode }) => [path, mode.toString(8)]).sort()).toEqual([
      [dir, '755'],
      [join(dir, 'config.json'), '644'],
      [join(dir, 'launcher.sh'), '755'],
      [join(dir, 'queue'), '755'],
      [join(dir, 'usage.json'), '664'],
    ])
    expect(tightenedWarning({ path: join(dir, 'usage.json'), mode: 0o100664 })).toBe(
      `${join(dir, 'usage.json')} was open to other users (mode 0664); it was set back to 0600.`,
    )
    expect(await prepareConfigDir(dir)).toEqual({ tightened: [], notPrivate: [] })
    expect(modeOf(dir)).toBe('700')
    expect(modeOf(join(dir, 'config.json'))).toBe('600')
    expect(modeOf(join(dir, 'usage.json'))).toBe('600')
    expect(modeOf(join(dir, 'launcher.sh'))).toBe('700')
    expect(modeOf(join(dir, 'queue'))).toBe('700')
    // Deeper entries are behind a 0700 folder; a link may point anywhere and is left alone.
    expect(modeOf(join(dir, 'queue', 'note.json'))).toBe('644')
    expect(modeOf(outside)).toBe('644')
  })

  it('reports what could not be tightened instead of failing', async () => {
    const { dir } = openFolder()
    refusal.chmod = true
    const report = await prepareConfigDir(dir)
    expect(report.notPrivate.map(({ path, mode, code }) => [path, mode.toString(8), code]).sort()).toEqual([
      [dir, '755', 'EPERM'],
      [join(dir, 'config.json'), '644', 'EPERM'],
      [join(dir, 'launcher.sh'), '755', 'EPERM'],
      [join(dir, 'queue'), '755', 'EPERM'],
      [join(dir, 'usage.json'), '664', 'EPERM'],
    ])
  })

  it('never changes a home folder used as the config folder, only reports it', async () => {
    const { dir } = openFolder()
    const home = process.env.HOME
    process.env.HOME = dir
    try {
      expect(makePrivate(dir)).toEqual({
        tightened: [],
        notPrivate: [{ path: dir, mode: 0o755, code: 'EHOME' }],
      })
    } finally {
      process.env.HOME = home
    }
    expect(modeOf(dir)).toBe('755')
    expect(modeOf(join(dir, 'config.json'))).toBe('644')
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

  it('turns a mid-run failure into CONFIG_DIR naming the file, what it holds, the errno and the fix', () => {
    const error = configDirError(folder, errno(`${folder}/usage.json`))
    expect(error.message).toBe(
      `usage.json (the shared budget ledger) in the config folder ${folder} cannot be written: it is on a read-only file system (EROFS).`,
    )
    expect(error.hint).toBe(hint('Remount the disk read-write'))
  })

  it.each([
    [
      'config.json',
      'ENOSPC',
      'open',
      'config.json (the accounts and settings) in the config folder <F> cannot be written: the disk is full (ENOSPC).',
      'Free some disk space',
    ],
    [
      'config.json.tmp-1765071234abcdef',
      'ENOSPC',
      'write',
      'config.json (the accounts and settings) in the config folder <F> cannot be written: the disk is full (ENOSPC).',
      'Free some disk space',
    ],
    [
      '.usage.json.4242.0a1b2c3d.tmp',
      'EDQUOT',
      'open',
      'usage.json (the shared budget ledger) in the config folder <F> cannot be written: the disk quota is used up (EDQUOT).',
      'Free some disk space',
    ],
    [
      'queue/.worker.lock.0123456789abcdef.tmp',
      'EROFS',
      'open',
      "queue/worker.lock (the write journal's worker lock) in the config folder <F> cannot be written: it is on a read-only file system (EROFS).",
      'Remount the disk read-write',
    ],
    [
      'queue/pending/send-1.json',
      'EACCES',
      'rename',
      'queue/pending/send-1.json (the write journal) in the config folder <F> cannot be written: permission denied (EACCES).',
      'Give your user access to <F>/queue/pending/send-1.json and its folder (`chmod u+rw "<F>/queue/pending/send-1.json"`)',
    ],
    [
      'http-history.json',
      'EACCES',
      'open',
      'http-history.json (the request history) in the config folder <F> cannot be written: permission denied (EACCES).',
      'Give your user access to <F>/http-history.json and its folder (`chmod u+rw "<F>/http-history.json"`)',
    ],
    [
      'glance.json',
      'ENOTDIR',
      'open',
      "glance.json (the tray's settings) in the config folder <F> cannot be written: a part of the path is a file, not a folder (ENOTDIR).",
      'Move the file out of the way',
    ],
    [
      'secrets',
      'EEXIST',
      'mkdir',
      'secrets (the folder of key files) in the config folder <F> cannot be written: a file is in the way (EEXIST).',
      'Move the file out of the way',
    ],
    [
      'secrets/work.key',
      'ENOSPC',
      'write',
      'secrets/work.key (a key file) in the config folder <F> cannot be written: the disk is full (ENOSPC).',
      'Free some disk space',
    ],
    [
      'glance.json',
      'EACCES',
      'read',
      "glance.json (the tray's settings) in the config folder <F> cannot be read: permission denied (EACCES).",
      'Give your user access to <F>/glance.json and its folder (`chmod u+rw "<F>/glance.json"`)',
    ],
    [
      'notes.txt',
      'EIO',
      'write',
      'notes.txt in the config folder <F> cannot be written: the file system refused (EIO).',
      'Check the path',
    ],
  ])('names %s (%s on %s) by the file it stands for', (file, code, syscall, message, remedy) => {
    const error = configDirError(
      folder,
      Object.assign(new Error('x'), { code, syscall, path: join(folder, file) }),
    )
    expect(error).toMatchObject({
      code: 'CONFIG_DIR',
      message: message.replaceAll('<F>', folder),
      hint: hint(remedy.replaceAll('<F>', folder)),
    })
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
      // The folder turns read-only after the core opened (a remount).
      refusal.openUnder = dir
      const wire = await dispatch(core.handlers, 'stats.query', {
        query: { site_id: 'shop.example.com', metrics: ['visitors'], date_range: '7d' },
      })
      expect(wire).toEqual({
        ok: false,
        error: expect.objectContaining({
          code: 'CONFIG_DIR',
          message: `usage.json.lock (the budget ledger's lock) in the config folder ${dir} cannot be written: it is on a read-only file system (EROFS).`,
        }),
      })
    } finally {
      refusal.openUnder = null
      await core.close()
      await sandbox.close()
    }
  })
})
