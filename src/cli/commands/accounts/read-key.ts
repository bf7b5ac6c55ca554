// How a key reaches the CLI: piped on stdin (--key-stdin) or typed at a hidden prompt on a terminal.
// Never as a flag value, which would land in shell history and the process list.
import { PlausibleError } from '../../../shared/errors'
import type { CliContext } from '../../context'

export interface KeyFlags {
  keyStdin?: boolean
  /** Declared only to refuse it with a reason instead of commander's "unknown option" echoing the key. */
  key?: string
}

type Input = NodeJS.ReadableStream & { isTTY?: boolean; setRawMode?: (mode: boolean) => unknown }

export async function readKey(ctx: CliContext, flags: KeyFlags, usage: string): Promise<string> {
  if (flags.key !== undefined) {
    throw new PlausibleError('USAGE', {
      message:
        '--key is not accepted: a key on the command line lands in shell history and the process list.',
      hint: `Pipe it in instead: printf %s "$PLAUSIBLE_KEY" | ${usage} --key-stdin — or run it on a terminal to be asked (input hidden). If you typed the key into this command, remove it from your shell history.`,
    })
  }
  const input = (ctx.stdin ?? process.stdin) as Input
  let key: string
  if (flags.keyStdin) key = await readAll(input)
  else if (input.isTTY && typeof input.setRawMode === 'function')
    key = await promptHidden(input, ctx.stderr, 'API key (input hidden): ')
  else
    throw new PlausibleError('USAGE', {
      message: 'No API key was given, and there is no terminal to ask for one.',
      hint: `Pipe it in: printf %s "$PLAUSIBLE_KEY" | ${usage} --key-stdin`,
    })
  key = key.trim()
  if (key === '') throw new PlausibleError('USAGE', { message: 'The API key was empty.' })
  return key
}

async function readAll(input: NodeJS.ReadableStream): Promise<string> {
  let text = ''
  input.setEncoding('utf8')
  for await (const chunk of input) text += String(chunk)
  return text
}

/** Reads one line with echo off: the key is never shown, not even as asterisks. */
function promptHidden(input: Input, output: NodeJS.WritableStream, question: string): Promise<string> {
  output.write(question)
  input.setRawMode?.(true)
  input.setEncoding('utf8')
  input.resume()
  return new Promise((resolve, reject) => {
    let value = ''
    const finish = (): void => {
      input.off('data', onData)
      input.setRawMode?.(false)
      input.pause()
      output.write('\n')
    }
    const onData = (chunk: string | Buffer): void => {
      for (const char of String(chunk)) {
        if (char === '\r' || char === '\n' || char === '\u0004') {
          finish()
          return resolve(value)
        }
        if (char === '\u0003') {
          finish()
          return reject(new PlausibleError('USAGE', { message: 'Cancelled; nothing was stored.' }))
        }
        if (char === '\u007f' || char === '\b') value = value.slice(0, -1)
        else if (char >= ' ') value += char
      }
    }
    input.on('data', onData)
  })
}
