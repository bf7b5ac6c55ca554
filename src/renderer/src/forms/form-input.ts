// Turns form fields into call inputs: trimmed text, optional whole numbers, and the contract's own zod
// check so a form refuses what the core would refuse, in one line naming the field to fix.
import type { z } from 'zod'

/** An empty field is "not given"; anything else must be a whole number above zero. */
export function optionalCount(text: string): number | undefined | 'invalid' {
  const trimmed = text.trim()
  if (trimmed === '') return undefined
  if (!/^\d+$/.test(trimmed)) return 'invalid'
  const value = Number(trimmed)
  return value > 0 && Number.isSafeInteger(value) ? value : 'invalid'
}

/** The first problem zod finds, as "field: message", or null when the input passes. */
export function firstProblem(schema: z.ZodType, input: unknown, labels: Record<string, string> = {}) {
  const result = schema.safeParse(input)
  if (result.success) return null
  const issue = result.error.issues[0]
  if (!issue) return 'The form is not valid.'
  const field = String(issue.path[0] ?? '')
  const label = labels[field] ?? field
  return label ? `${label}: ${issue.message}` : issue.message
}
