// --log's choices, apart from log.ts (which loads the key redactor): the flag is registered for every
// command, the logger is built only when --verbose or --log asks for one.
export const logFormats = ['text', 'json'] as const
export type LogFormat = (typeof logFormats)[number]
