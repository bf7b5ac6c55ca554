// A schema built the first time anything touches it. The contract's modules declare hundreds of zod
// schemas at their top level; building them all costs a cold CLI tens of milliseconds, and one command
// uses a handful. The proxy stands in for the schema everywhere (parse, .optional(), .extend(), a field
// of another object, instanceof), so declarations keep their shape and their inferred types.

export function lazySchema<T extends object>(build: () => T): T {
  let built: T | undefined
  return standIn(() => (built ??= build()))
}

/**
 * A proxy for the object `target()` returns, which it asks for only when touched. `answer` may give some
 * properties itself (undefined: the target's). The proxy's own target is an empty object, so reading a
 * property never makes the engine look at the real object's (a proxy's invariant checks would).
 */
export function standIn<T extends object>(target: () => T, answer?: (key: PropertyKey) => unknown): T {
  return new Proxy(Object.create(null) as T, {
    get: (_, key) => answer?.(key) ?? Reflect.get(target(), key),
    has: (_, key) => Reflect.has(target(), key),
    ownKeys: () => Reflect.ownKeys(target()),
    getOwnPropertyDescriptor: (_, key) => {
      const descriptor = Reflect.getOwnPropertyDescriptor(target(), key)
      // A proxy may not report a non-configurable property its own (empty) target lacks.
      return descriptor && { ...descriptor, configurable: true }
    },
    getPrototypeOf: () => Reflect.getPrototypeOf(target()),
    set: (_, key, value) => Reflect.set(target(), key, value),
    defineProperty: (_, key, descriptor) => Reflect.defineProperty(target(), key, descriptor),
    deleteProperty: (_, key) => Reflect.deleteProperty(target(), key),
  })
}
