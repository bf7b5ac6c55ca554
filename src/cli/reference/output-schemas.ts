// A command's zod output schema as the JSON Schema that llms-full.txt and the schema snapshot show.
// Its own module: zod loads only when a reference with schemas is asked for.
import { z } from 'zod'

export function jsonSchemaOf(schema: z.ZodType): unknown {
  return z.toJSONSchema(schema, { io: 'output', unrepresentable: 'any' })
}
