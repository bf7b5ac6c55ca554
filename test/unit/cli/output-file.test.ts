import { mkdtemp, open, readFile, readdir, rename, unlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  isDeviceOrDescriptorPath,
  standardStreamOf,
  writeOutputFile,
  type OutputFs,
} from '../../../src/cli/output-file'
import { PlausibleError } from '../../../src/shared/errors'

const failure = (code: string) => Object.assign(new Error(code), { code })

describe('standardStreamOf', () => {
  it("knows every spelling of this process's stdout and stderr", () => {
    expect(standardStreamOf('/dev/stdout')).toBe('stdout')
    expect(standardStreamOf('/dev/stderr')).toBe('stderr')
    expect(standardStreamOf('/dev/fd/1')).toBe('stdout')
    expect(standardStreamOf('/proc/self/fd/2')).toBe('stderr')
    expect(standardStreamOf(`/proc/${process.pid}/fd/1`)).toBe('stdout')
  })

  it('leaves other descriptors, other processes and look-alikes alone', () => {
    expect(standardStreamOf('/dev/fd/3')).toBeUndefined()
    expect(standardStreamOf(`/proc/${process.pid + 1}/fd/1`)).toBeUndefined()
    expect(standardStreamOf('/dev/stdout2')).toBeUndefined()
    expect(standardStreamOf('/tmp/dev/stdout')).toBeUndefined()
  })
})

describe('isDeviceOrDescriptorPath', () => {
  it('is true under /dev and /proc only', () => {
    expect(isDeviceOrDescriptorPath('/dev/null')).toBe(true)
    expect(isDeviceOrDescriptorPath('/dev')).toBe(true)
    expect(isDeviceOrDescriptorPath('/proc/self/fd/3')).toBe(true)
    expect(isDeviceOrDescriptorPath('/devices/null')).toBe(false)
    expect(isDeviceOrDescriptorPath('/tmp/dev/null')).toBe(false)
  })
})

describe('writeOutputFile', () => {
  it('writes /dev/stdout to the stream it is given, creating nothing', async () => {
    let written = ''
    await writeOutputFile('/dev/stdout', 'result\n', {
      streams: { stdout: { write: (t) => (written += t) } },
    })
    expect(written).toBe('result\n')
  })

  it('removes its temp file and keeps the old file when the rename fails', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'plausible-output-'))
    const file = join(dir, 'result.json')
    await writeFile(file, 'old')
    const fs: OutputFs = { open, unlink, rename: () => Promise.reject(failure('EXDEV')) }
    const error = await writeOutputFile(file, 'new', { fs }).catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(PlausibleError)
    expect((error as PlausibleError).code).toBe('OUTPUT_FILE')
    expect((error as PlausibleError).message).toBe(
      `Could not write --output ${file}: the file system refused the write (EXDEV); nothing was written.`,
    )
    expect(await readdir(dir)).toEqual(['result.json'])
    expect(await readFile(file, 'utf8')).toBe('old')
  })

  it('removes its temp file when the disk fills up while writing', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'plausible-output-'))
    const fs: OutputFs = {
      rename,
      unlink,
      async open(path, flags, mode) {
        const handle = await open(path, flags, mode)
        return Object.assign(handle, { writeFile: () => Promise.reject(failure('ENOSPC')) })
      },
    }
    const error = await writeOutputFile(join(dir, 'result.json'), 'new', { fs }).catch(
      (caught: unknown) => caught as PlausibleError,
    )
    expect([error?.message, error?.hint]).toEqual([
      `Could not write --output ${join(dir, 'result.json')}: the disk is full (ENOSPC); nothing was written.`,
      'Free some disk space, or write somewhere else.',
    ])
    expect(await readdir(dir)).toEqual([])
  })
})
