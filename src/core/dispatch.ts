// One call through the contract, for every host: parse the input, run the handler, strip the output
// through its schema (an allowlist, so nothing unnamed — a key included — leaves the core), wrap it.
import { z } from 'zod'
import { calls, isCallName, type CallName, type ContractHandlers } from '../shared/contract'
import { errWire, okWire, type Wire } from '../shared/contract/wire'
import { PlausibleError } from '../shared/errors'

export async function dispatch(
  handlers: ContractHandlers,
  name: unknown,
  input: unknown,
): Promise<Wire<unknown>> {
  if (!isCallName(name)) {
    return errWire(new PlausibleError('USAGE', { message: `Unknown call ${JSON.stringify(name)}.` }).toWire())
  }
  const spec = calls[name]
  const parsed = spec.input.safeParse(input ?? {})
  if (!parsed.success) return errWire(usageError(name, parsed.error).toWire())
  try {
    const handler = handlers[name] as (value: unknown) => Promise<unknown>
    const value = await handler(parsed.data)
    return okWire(spec.output.parse(value))
  } catch (error) {
    return errWire(toPlausibleError(error).toWire())
  }
}

export function usageError(name: CallName, error: z.ZodError): PlausibleError {
  const first = error.issues[0]
  const where = first && first.path.length > 0 ? `${first.path.join('.')}: ` : ''
  return new PlausibleError('USAGE', {
    message: `Invalid input for ${name}: ${where}${first?.message ?? 'not valid'}.`,
  })
}

/** Anything thrown becomes a PlausibleError; unknown failures keep no text that could carry a secret. */
export function toPlausibleError(error: unknown): PlausibleError {
  if (error instanceof PlausibleError) return error
  return new PlausibleError('INTERNAL', { cause: error })
}
