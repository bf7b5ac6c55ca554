// The main build's lazy zod (scripts/lazy-zod.ts): the members of z its chunk keeps are those the
// sources name, as values, with z.core's named ones under core; the renderer's sources do not count.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { zodChunkSourceOf, zodMembersNamed } from '../../../scripts/lazy-zod'

function sources(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'plausible-lazy-zod-'))
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(root, name, '..'), { recursive: true })
    writeFileSync(join(root, name), text)
  }
  return root
}

describe('zodMembersNamed', () => {
  it('finds z.member and z.core.member in .ts and .tsx files outside the renderer', () => {
    const root = sources({
      'core/a.ts':
        'const A = lazySchema(() => z.object({ n: z.number().int() }))\ntype A = z.infer<typeof A>',
      'cli/b.tsx': 'new z.core.JSONSchemaGenerator({}); z.enum(["a"])',
      'renderer/src/c.ts': 'z.bigint()',
      'core/notes.md': 'z.string()',
    })
    expect(zodMembersNamed(root)).toEqual({
      members: ['enum', 'infer', 'number', 'object'],
      coreMembers: ['JSONSchemaGenerator'],
    })
  })
})

describe('zodChunkSourceOf', () => {
  it('keeps the named members zod has as values, and z.core’s under core', () => {
    const source = zodChunkSourceOf(z as unknown as Record<string, unknown>, {
      members: ['infer', 'number', 'object'],
      coreMembers: ['JSONSchemaGenerator', 'NoSuchThing'],
    })
    expect(source).toBe(
      [
        "import { z as zod } from 'zod'",
        'export const z = { number: zod.number, object: zod.object, core: { JSONSchemaGenerator: zod.core.JSONSchemaGenerator } }',
      ].join('\n'),
    )
  })

  it('on this repository: every member src/ names that zod lacks is a type', () => {
    const named = zodMembersNamed(join(__dirname, '../../../src'))
    const missing = named.members.filter(
      (name) => (z as unknown as Record<string, unknown>)[name] === undefined,
    )
    expect(
      missing.every((name) => ['infer'].includes(name)),
      missing.join(', '),
    ).toBe(true)
    expect(named.members).toEqual(expect.arrayContaining(['object', 'string', 'union']))
  })
})
