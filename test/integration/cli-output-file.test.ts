// --output FILE writes into what the user named: a regular file is replaced atomically (temp file and
// rename in its folder, mode kept), a symbolic link keeps pointing where it did, a FIFO or a device is
// written through, never swapped for a regular file; a path that cannot be written ends with exit 9,
// a message naming it, and nothing left behind. Before, every one of these was renamed over.
import { execFileSync, spawnSync } from 'node:child_process'
import { createReadStream } from 'node:fs'
import {
  chmod,
  lstat,
  mkdir,
  mkdtemp,
  readFile,
  readdir,
  readlink,
  stat,
  symlink,
  writeFile,
} from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { readOnlyFolder } from '../helpers/read-only-folder'
import { cliPath, runCli, tempConfigDir } from '../helpers/spawn-cli'
import { existsSync } from 'node:fs'

const isRoot = process.getuid?.() === 0
let env: Record<string, string>
let dir: string
/** What `events template` prints: a result that needs no server and no account. */
let expected: string
const template = (output: string, extra: string[] = []) =>
  runCli(['events', 'template', '--site', 'shop.example.com', ...extra, '--output', output], env)

beforeAll(async () => {
  if (!existsSync(cliPath)) throw new Error(`${cliPath} is missing: run \`npx electron-vite build\` first`)
  env = { PLAUSIBLE_CONFIG_DIR: tempConfigDir(), PLAUSIBLE_NO_APP: '1' }
  const plain = await runCli(['events', 'template', '--site', 'shop.example.com'], env)
  expect(plain.code, plain.stderr).toBe(0)
  expected = plain.stdout
})
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'plausible-output-'))
})

describe('--output to a regular file', () => {
  it('writes a new file, and leaves no temp file beside it', async () => {
    const result = await template(join(dir, 'event.json'))
    expect([result.code, result.stdout, result.stderr]).toEqual([0, '', ''])
    expect(await readFile(join(dir, 'event.json'), 'utf8')).toBe(expected)
    expect(await readdir(dir)).toEqual(['event.json'])
  })

  it('replaces an existing file by rename, keeping its mode', async () => {
    const file = join(dir, 'event.json')
    await writeFile(file, 'old')
    await chmod(file, 0o640)
    const before = await stat(file)
    const result = await template(file)
    expect(result.code, result.stderr).toBe(0)
    const after = await stat(file)
    expect(await readFile(file, 'utf8')).toBe(expected)
    expect((after.mode & 0o777).toString(8)).toBe('640')
    // A new inode: the new content arrived whole, by rename, not by rewriting the old file in place.
    expect(after.ino).not.toBe(before.ino)
    expect(await readdir(dir)).toEqual(['event.json'])
  })
})

describe('--output to a symbolic link', () => {
  it("writes the link's target in the target's folder and keeps the link", async () => {
    const targets = join(dir, 'targets')
    await mkdir(targets)
    const target = join(targets, 'event.json')
    await writeFile(target, 'old')
    await chmod(target, 0o600)
    const link = join(dir, 'latest.json')
    await symlink('targets/event.json', link)
    const result = await template(link)
    expect(result.code, result.stderr).toBe(0)
    expect((await lstat(link)).isSymbolicLink()).toBe(true)
    expect(await readlink(link)).toBe('targets/event.json')
    expect(await readFile(target, 'utf8')).toBe(expected)
    expect(((await stat(target)).mode & 0o777).toString(8)).toBe('600')
    expect((await readdir(dir)).sort()).toEqual(['latest.json', 'targets'])
    expect(await readdir(targets)).toEqual(['event.json'])
  })

  it('creates the missing target of a dangling link, which stays a link', async () => {
    const link = join(dir, 'latest.json')
    await symlink('event.json', link)
    const result = await template(link)
    expect(result.code, result.stderr).toBe(0)
    expect((await lstat(link)).isSymbolicLink()).toBe(true)
    expect(await readFile(join(dir, 'event.json'), 'utf8')).toBe(expected)
  })
})

describe('--output to a FIFO or a device', () => {
  it('writes through a FIFO to its reader, and the FIFO stays a FIFO', async () => {
    const fifo = join(dir, 'pipe')
    execFileSync('mkfifo', [fifo])
    const received = new Promise<string>((resolve, reject) => {
      let text = ''
      createReadStream(fifo, 'utf8')
        .on('data', (chunk) => (text += String(chunk)))
        .on('end', () => resolve(text))
        .on('error', reject)
    })
    const result = await template(fifo)
    expect(result.code, result.stderr).toBe(0)
    expect(await received).toBe(expected)
    expect((await lstat(fifo)).isFIFO()).toBe(true)
    expect(await readdir(dir)).toEqual(['pipe'])
  })

  // A private null device, so a regression cannot replace the machine's /dev/null; mknod needs root.
  it.runIf(isRoot && process.platform === 'linux')(
    'writes through a character device, which stays a device',
    async () => {
      const device = join(dir, 'null')
      execFileSync('mknod', [device, 'c', '1', '3'])
      const result = await template(device)
      expect([result.code, result.stdout, result.stderr]).toEqual([0, '', ''])
      expect((await lstat(device)).isCharacterDevice()).toBe(true)
      expect(await readdir(dir)).toEqual(['null'])
    },
  )

  // Spawned by Node, the CLI's stdout and stderr are sockets, which cannot be opened by path (ENXIO):
  // the CLI writes to its own streams. (/dev/stdout is not tried here: on the old code, run as root, the
  // rename would have replaced the machine's /dev/stdout.)
  it.runIf(process.platform === 'linux').each([
    ['/dev/fd/1', 'stdout'],
    ['/proc/self/fd/1', 'stdout'],
    ['/dev/fd/2', 'stderr'],
  ])('writes --output %s to its own %s', async (path, stream) => {
    const result = await template(path)
    expect(result.code, result.stderr).toBe(0)
    expect(stream === 'stdout' ? [result.stdout, result.stderr] : [result.stderr, result.stdout]).toEqual([
      expected,
      '',
    ])
  })

  it.runIf(process.platform === 'linux')(
    'never creates a file under /dev: a misspelt device is an error',
    async () => {
      const result = await template('/dev/plausible-no-such-device')
      expect([result.code, result.stdout]).toEqual([9, ''])
      expect(result.stderr).toBe(
        'error: Could not write --output /dev/plausible-no-such-device: it does not exist (ENOENT); nothing was written.\n' +
          'hint: Check the name: under /dev and /proc, --output writes only into what exists.\n',
      )
      expect(existsSync('/dev/plausible-no-such-device')).toBe(false)
    },
  )
})

describe('--output that cannot be written', () => {
  it('names the missing folder, exits 9 and creates nothing', async () => {
    const missing = join(dir, 'missing')
    const result = await template(join(missing, 'event.json'))
    expect([result.code, result.stdout]).toEqual([9, ''])
    expect(result.stderr).toBe(
      `error: Could not write --output ${join(missing, 'event.json')}: the folder ${missing} does not exist (ENOENT); nothing was written.\n` +
        'hint: Create the folder first (`mkdir -p`), or give --output a path in a folder that exists.\n',
    )
    expect(await readdir(dir)).toEqual([])
  })

  it('refuses a folder, naming it', async () => {
    const result = await template(dir, ['--json'])
    expect([result.code, result.stdout]).toEqual([9, ''])
    expect(JSON.parse(result.stderr)).toEqual({
      error: {
        code: 'OUTPUT_FILE',
        message: `Could not write --output ${dir}: it is a folder (EISDIR); nothing was written.`,
        hint: 'Give --output a file name inside the folder, e.g. --output <folder>/result.json.',
      },
    })
  })

  it('names a file that sits where a folder of the path should be', async () => {
    await writeFile(join(dir, 'file'), '')
    const result = await template(join(dir, 'file', 'event.json'))
    expect(result.code).toBe(9)
    expect(result.stderr.split('\n')[0]).toBe(
      `error: Could not write --output ${join(dir, 'file', 'event.json')}: a part of the path is a file, not a folder (ENOTDIR); nothing was written.`,
    )
  })

  it('says the folder is read-only (or not writable), and leaves no temp file in it', async () => {
    await writeFile(join(dir, 'event.json'), 'old')
    const readOnly = readOnlyFolder(dir)
    if (!readOnly) return void console.warn('skipped: cannot make a read-only folder here')
    const file = join(dir, 'event.json')
    const result = await runCli(
      ['events', 'template', '--site', 'shop.example.com', '--output', file],
      env,
      undefined,
      readOnly.options,
    )
    spawnSync('chmod', ['0700', dir])
    expect([result.code, result.stdout]).toEqual([9, ''])
    const cause = isRoot
      ? `the folder ${dir} is on a read-only file system (EROFS)`
      : `the folder ${dir} may not be written (permission denied) (EACCES)`
    expect(result.stderr).toBe(
      `error: Could not write --output ${file}: ${cause}; nothing was written.\n` +
        'hint: Give --output a path in a folder you can write, or leave --output out and redirect stdout.\n',
    )
    expect(await readdir(dir)).toEqual(['event.json'])
    expect(await readFile(file, 'utf8')).toBe('old')
  })
})
