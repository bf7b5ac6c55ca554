// A zod schema as JSON Schema, for every reader of the contract's shapes (the CLI's output references, the
// MCP server's tools). zod keys what it has converted by schema object, and the contract's schemas are
// partly lazySchema proxies (lazy-schema.ts): a proxy and the schema behind it are two keys for one schema,
// and zod's converter fails on a proxied optional. Keyed by the schema's internals (`_zod`, the same object
// through the proxy), both are one entry again.
import { z } from 'zod'

class SeenBySchema extends Map<object, unknown> {
  private readonly firsts = new Map<unknown, object>()

  private keyOf(schema: object): object {
    const internals = (schema as { _zod?: unknown })._zod
    if (internals === undefined) return schema
    const first = this.firsts.get(internals)
    if (first) return first
    this.firsts.set(internals, schema)
    return schema
  }

  override get(schema: object): unknown {
    return super.get(this.keyOf(schema))
  }

  override set(schema: object, value: unknown): this {
    return super.set(this.keyOf(schema), value)
  }

  override has(schema: object): boolean {
    return super.has(this.keyOf(schema))
  }
}

/** What a schema accepts (`input`) or gives (`output`); parts JSON Schema cannot say are `{}`. */
export function jsonSchemaOf(
  schema: z.ZodType,
  options: { io: 'input' | 'output'; target?: 'draft-07' | 'draft-2020-12' },
): Record<string, unknown> {
  const generator = new z.core.JSONSchemaGenerator({
    io: options.io,
    unrepresentable: 'any',
    ...(options.target ? { target: options.target } : {}),
  })
  ;(generator as unknown as { ctx: { seen: Map<object, unknown> } }).ctx.seen = new SeenBySchema()
  generator.process(schema)
  return generator.emit(schema) as Record<string, unknown>
}
