// A command's zod output schema as the JSON Schema that llms-full.txt and the schema snapshot show.
// Its own module: zod loads only when a reference with schemas is asked for.
import type { z } from 'zod'
import { jsonSchemaOf as contractJsonSchemaOf } from '../../shared/json-schema'

export function jsonSchemaOf(schema: z.ZodType): unknown {
  return contractJsonSchemaOf(schema, { io: 'output' })
}
