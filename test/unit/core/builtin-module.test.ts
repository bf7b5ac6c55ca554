import * as crypto from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { builtinModule } from '../../../src/core/builtin-module'

describe('builtinModule', () => {
  it('is the module Node has built in, through getBuiltinModule or, where there is none, a require', () => {
    expect(builtinModule<typeof crypto>('node:crypto').createHash).toBe(crypto.createHash)
    const getBuiltinModule = Object.getOwnPropertyDescriptor(process, 'getBuiltinModule')
    Object.defineProperty(process, 'getBuiltinModule', { value: undefined, configurable: true })
    try {
      expect(builtinModule<typeof crypto>('node:crypto').randomBytes).toBe(crypto.randomBytes)
    } finally {
      if (getBuiltinModule) Object.defineProperty(process, 'getBuiltinModule', getBuiltinModule)
    }
  })
})
