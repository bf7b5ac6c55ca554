import { PassThrough } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { ignoreClosedPipesOnceUsed } from '../../../src/cli/stdout-pipe'

/** A stand-in for `process`: stdout and stderr made by getters on first use, as Node makes them. */
function fakeProcess(): { target: NodeJS.Process; made: string[] } {
  const made: string[] = []
  const target = {} as NodeJS.Process
  for (const name of ['stdout', 'stderr'] as const) {
    let stream: PassThrough | undefined
    Object.defineProperty(target, name, {
      configurable: true,
      enumerable: true,
      get: () => {
        if (!stream) {
          made.push(name)
          stream = new PassThrough()
        }
        return stream
      },
    })
  }
  return { target, made }
}

const pipeError = (code: string): NodeJS.ErrnoException => Object.assign(new Error(code), { code })

describe('ignoreClosedPipesOnceUsed', () => {
  it('makes neither stream until it is used, then each once', () => {
    const { target, made } = fakeProcess()
    ignoreClosedPipesOnceUsed(target)
    expect(made).toEqual([])
    const stdout = target.stdout
    expect(target.stdout).toBe(stdout)
    expect(made).toEqual(['stdout'])
    void target.stderr
    expect(made).toEqual(['stdout', 'stderr'])
  })

  it('ignores a closed pipe on a stream made later, and lets any other error through', () => {
    const { target } = fakeProcess()
    ignoreClosedPipesOnceUsed(target)
    const stderr = target.stderr
    expect(() => stderr.emit('error', pipeError('EPIPE'))).not.toThrow()
    expect(() => stderr.emit('error', pipeError('EIO'))).toThrow('EIO')
  })

  it('guards a stream that already exists at once', () => {
    const stdout = new PassThrough()
    const stderr = new PassThrough()
    const target = { stdout, stderr } as unknown as NodeJS.Process
    ignoreClosedPipesOnceUsed(target)
    expect(target.stdout).toBe(stdout)
    expect(() => stdout.emit('error', pipeError('EPIPE'))).not.toThrow()
    expect(() => stderr.emit('error', pipeError('EPIPE'))).not.toThrow()
  })
})
