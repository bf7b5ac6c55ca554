// A contract schema as JSON Schema for tools/list: draft-07, what MCP clients' validators (Ajv's default
// among them) read, without the `$schema` line.
import type { z } from 'zod'
import { jsonSchemaOf as contractJsonSchemaOf } from '../../shared/json-schema'

export function jsonSchemaOf(schema: z.ZodType, io: 'input' | 'output'): Record<string, unknown> {
  const { $schema: _draft, ...json } = contractJsonSchemaOf(schema, { io, target: 'draft-07' })
  return json
}
