// A schema's parse answered by a parser generated from it ahead of time (generated.ts, made by zod's own
// compiler), so a command whose input is valid never builds the schema, nor warms zod up: building the
// few schemas a stats read checks cost a cold CLI more than the checks themselves. The schema stays the
// only source of truth: the parser either returns what the schema's parse would, or gives up, and then
// the schema parses (and words the error) as it always did.
import type { z } from 'zod'
import { standIn } from '../lazy-schema'

/** What a generated parser returns when it cannot vouch for the input: the schema decides then. */
export const INVALID: unique symbol = Symbol('schema fast path: not valid')

export type FastPath = (input: unknown) => unknown

/**
 * `schema`, whose `parse` and `safeParse` first ask `fastPath`. Everything else (its use inside another
 * schema, `.optional()`, its JSON Schema, a parse with options) is the schema's own.
 */
export function withFastPath<T extends z.ZodType>(schema: T, fastPath: FastPath): T {
  /** The fast path's value, or INVALID where the schema must parse (it gave up, or options were passed). */
  const fast = (input: unknown, params: unknown): unknown => {
    if (params !== undefined) return INVALID
    try {
      return fastPath(input)
    } catch {
      // A throw (a refinement that threw, one that turned out async) is the schema's to report, as it would.
      return INVALID
    }
  }
  const safeParse = (input: unknown, params?: unknown): unknown => {
    const value = fast(input, params)
    return value !== INVALID ? { success: true, data: value } : schema.safeParse(input, params as never)
  }
  const parse = (input: unknown, params?: unknown): unknown => {
    const value = fast(input, params)
    return value !== INVALID ? value : schema.parse(input, params as never)
  }
  return standIn(
    () => schema,
    (key) => (key === 'safeParse' ? safeParse : key === 'parse' ? parse : undefined),
  )
}

// The helpers the generated parsers call, each meaning what zod's own helper of that name means.

/** The length of a string in code points: a surrogate pair counts once, a lone surrogate once. */
export function codePointLength(text: string): number {
  let count = 0
  for (const _ of text) count++
  return count
}

/**
 * Whether `value` is a plain object as zod sees one: not null, not an array, and either without a usable
 * constructor or made by one whose prototype is an ordinary object that owns `isPrototypeOf` (Object's).
 */
export function isPlainObject(value: unknown): value is Record<PropertyKey, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false
  const maker: unknown = (value as { constructor?: unknown }).constructor
  if (typeof maker !== 'function') return true
  const prototype: unknown = (maker as { prototype?: unknown }).prototype
  if (typeof prototype !== 'object' || prototype === null || Array.isArray(prototype)) return false
  return Object.prototype.hasOwnProperty.call(prototype, 'isPrototypeOf')
}

/** A copy one level deep of an object, an array, a Map or a Set (a default's value, so no parse shares it). */
export function shallowClone<T>(value: T): T {
  if (isPlainObject(value)) return { ...value } as T
  if (Array.isArray(value)) return [...(value as unknown[])] as T
  if (value instanceof Map) return new Map(value) as T
  if (value instanceof Set) return new Set(value) as T
  return value
}

/** A refinement answered with a promise: only the schema's async parse can judge it. */
export function throwAsync(): never {
  throw new Error('An asynchronous check: the schema parses this input.')
}

export const propertyIsEnumerable = Object.prototype.propertyIsEnumerable
