// The control socket host and client over a real Unix socket in a temp dir: the contract round trip for
// every call, permissions, malformed input, and the stale/live socket rules.
import { spawn } from 'node:child_process'
import { mkdir, mkdtemp, rm, stat, writeFile } from 'node:fs/promises'
import { createConnection, type Socket } from 'node:net'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  connectControlSocket,
  type ControlSocketClient,
} from '../../src/core/transport/control-socket-client'
import {
  ControlSocketInUseError,
  serveControlSocket,
  type ControlSocketServer,
} from '../../src/core/transport/control-socket-server'
import { noticeWait, withWaitListener, type WaitNotice } from '../../src/core/queue/wait-notice'
import { callNames } from '../../src/shared/contract'
import { createApiClient } from '../../src/shared/contract/client'
import { PlausibleError } from '../../src/shared/errors'
import { createFakeHandlers, sampleInputs, sampleOutputs } from '../helpers/contract-samples'

const isWindows = process.platform === 'win32'

let root: string
let socketPath: string
const servers: ControlSocketServer[] = []
const clients: ControlSocketClient[] = []

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'plausible-socket-'))
  // The app's config dir does not exist yet on first run: the server creates it.
  socketPath = join(root, 'config', 'control.sock')
})

afterEach(async () => {
  for (const client of clients.splice(0)) client.close()
  for (const server of servers.splice(0)) await server.close()
  await rm(root, { recursive: true, force: true })
})

async function serve(handlers = createFakeHandlers().handlers, extra: { maxLineBytes?: number } = {}) {
  const server = await serveControlSocket({ path: socketPath, handlers, ...extra })
  servers.push(server)
  return server
}

async function connect(timeoutMs = 2000): Promise<ControlSocketClient> {
  const client = await connectControlSocket(socketPath, { timeoutMs })
  if (!client) throw new Error('expected a client')
  clients.push(client)
  return client
}

/** A raw connection for sending bytes the typed client never would. */
async function rawConnection(): Promise<{
  socket: Socket
  send(text: string): void
  nextLine(): Promise<unknown>
}> {
  const socket = createConnection(socketPath)
  await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject))
  let buffer = ''
  const waiting: Array<(line: unknown) => void> = []
  const lines: unknown[] = []
  socket.on('data', (chunk: Buffer) => {
    buffer += chunk.toString('utf8')
    let index
    while ((index = buffer.indexOf('\n')) !== -1) {
      const line = JSON.parse(buffer.slice(0, index)) as unknown
      buffer = buffer.slice(index + 1)
      const waiter = waiting.shift()
      if (waiter) waiter(line)
      else lines.push(line)
    }
  })
  return {
    socket,
    send: (text) => socket.write(text),
    nextLine: () =>
      lines.length > 0 ? Promise.resolve(lines.shift()) : new Promise((resolve) => waiting.push(resolve)),
  }
}

describe.skipIf(isWindows)('control socket', () => {
  describe('contract round trip', () => {
    for (const name of callNames) {
      it(`answers ${name} through createApiClient with the handler's output`, async () => {
        const fake = createFakeHandlers()
        await serve(fake.handlers)
        const api = createApiClient((await connect()).transport)

        const call = api[name] as (input: unknown) => Promise<unknown>
        await expect(call(sampleInputs[name])).resolves.toEqual(sampleOutputs[name])
        expect(fake.received).toEqual([{ name, input: sampleInputs[name] }])
      })
    }

    it('answers many concurrent requests on one connection, each by its id', async () => {
      const delays: Record<string, number> = { 'a.example': 60, 'b.example': 5, 'c.example': 30 }
      await serve(
        createFakeHandlers({
          'stats.realtime': async ({ site }) => {
            await new Promise((resolve) => setTimeout(resolve, delays[site]))
            return { site, visitors: site.length }
          },
        }).handlers,
      )
      const api = createApiClient((await connect()).transport)

      const answers = await Promise.all(Object.keys(delays).map((site) => api['stats.realtime']({ site })))
      expect(answers).toEqual([
        { site: 'a.example', visitors: 9 },
        { site: 'b.example', visitors: 9 },
        { site: 'c.example', visitors: 9 },
      ])
    })

    it('strips fields the output schema does not name, so nothing unexpected leaves the app', async () => {
      await serve(
        createFakeHandlers({
          'stats.realtime': async () => ({ site: 'example.com', visitors: 3, apiKey: 'secret' }) as never,
        }).handlers,
      )
      const { transport } = await connect()
      await expect(transport('stats.realtime', { site: 'example.com' })).resolves.toEqual({
        ok: true,
        value: { site: 'example.com', visitors: 3 },
      })
    })

    it('carries a handler error as its code, message and hint', async () => {
      await serve(
        createFakeHandlers({
          'budget.status': async () => {
            throw new PlausibleError('ACCOUNT_NOT_FOUND', { message: 'There is no account "nope".' })
          },
        }).handlers,
      )
      const api = createApiClient((await connect()).transport)
      const error = await api['budget.status']({ account: 'nope' }).catch((caught: unknown) => caught)
      expect(error).toBeInstanceOf(PlausibleError)
      expect(error).toMatchObject({ code: 'ACCOUNT_NOT_FOUND', message: 'There is no account "nope".' })
    })
  })

  describe('permissions', () => {
    it('creates the socket 0600 inside a 0700 directory', async () => {
      await serve()
      expect((await stat(socketPath)).mode & 0o777).toBe(0o600)
      expect((await stat(join(root, 'config'))).mode & 0o777).toBe(0o700)
    })
  })

  describe('untrusted input', () => {
    it('answers a malformed line with a USAGE envelope and id null, and the connection still works', async () => {
      await serve()
      const raw = await rawConnection()

      raw.send('{not json\n')
      expect(await raw.nextLine()).toMatchObject({
        id: null,
        result: { ok: false, error: { code: 'USAGE' } },
      })

      raw.send(`${JSON.stringify({ id: 2, call: 'stats.realtime', input: { site: 'example.com' } })}\n`)
      expect(await raw.nextLine()).toEqual({
        id: 2,
        result: { ok: true, value: sampleOutputs['stats.realtime'] },
      })
      raw.socket.destroy()
    })

    it('answers a frame of the wrong shape with its own id when the id is usable', async () => {
      await serve()
      const raw = await rawConnection()
      raw.send(`${JSON.stringify({ id: 'x1', call: 'budget.status', extra: true })}\n`)
      expect(await raw.nextLine()).toMatchObject({
        id: 'x1',
        result: { ok: false, error: { code: 'USAGE' } },
      })
      raw.socket.destroy()
    })

    it('answers input that fails the call schema with a USAGE envelope, never reaching the handler', async () => {
      const fake = createFakeHandlers()
      await serve(fake.handlers)
      const { transport } = await connect()

      const wire = await transport('stats.realtime', { site: '', extra: 1 })
      expect(wire).toMatchObject({ ok: false, error: { code: 'USAGE' } })
      expect(fake.received).toEqual([])
    })

    it('answers an unknown call with a USAGE envelope', async () => {
      await serve()
      const { transport } = await connect()
      const wire = await transport('sites.destroy' as never, {})
      expect(wire).toMatchObject({
        ok: false,
        error: { code: 'USAGE', message: 'Unknown call "sites.destroy".' },
      })
    })

    it('drops a connection whose line is longer than the cap, and keeps serving others', async () => {
      await serve(undefined, { maxLineBytes: 1024 })
      const raw = await rawConnection()
      const closed = new Promise<void>((resolve) => raw.socket.once('close', () => resolve()))

      raw.send('x'.repeat(4096))
      expect(await raw.nextLine()).toMatchObject({
        id: null,
        result: { ok: false, error: { code: 'USAGE' } },
      })
      await closed

      const api = createApiClient((await connect()).transport)
      await expect(api['stats.realtime']({ site: 'example.com' })).resolves.toEqual(
        sampleOutputs['stats.realtime'],
      )
    })
  })

  describe('socket file lifecycle', () => {
    it('replaces a stale socket left by a crashed app', async () => {
      await leaveStaleSocket(socketPath)
      expect((await stat(socketPath)).isSocket()).toBe(true)
      await expect(connectControlSocket(socketPath, { timeoutMs: 1000 })).resolves.toBeNull()

      await serve()
      const api = createApiClient((await connect()).transport)
      await expect(api['accounts.list']({})).resolves.toEqual(sampleOutputs['accounts.list'])
    })

    it('refuses to steal a socket a live app answers on, and the live app keeps answering', async () => {
      await serve()
      await expect(
        serveControlSocket({ path: socketPath, handlers: createFakeHandlers().handlers }),
      ).rejects.toBeInstanceOf(ControlSocketInUseError)
      const api = createApiClient((await connect()).transport)
      await expect(api['sites.list']({})).resolves.toEqual(sampleOutputs['sites.list'])
    })

    it('refuses to replace a file that is not a socket', async () => {
      await serve()
      await servers.pop()?.close()
      await writeFile(socketPath, 'not a socket')
      await expect(
        serveControlSocket({ path: socketPath, handlers: createFakeHandlers().handlers }),
      ).rejects.toThrow(/is not a socket/)
    })

    it('removes the socket file when it closes', async () => {
      const server = await serve()
      await server.close()
      servers.pop()
      await expect(stat(socketPath)).rejects.toMatchObject({ code: 'ENOENT' })
    })
  })

  describe('client', () => {
    it('returns null when no socket file exists', async () => {
      await expect(connectControlSocket(socketPath, { timeoutMs: 1000 })).resolves.toBeNull()
    })

    it('times out a request the app does not answer with APP_UNREACHABLE', async () => {
      await serve(createFakeHandlers({ 'accounts.list': () => new Promise(() => {}) }).handlers)
      const api = createApiClient((await connect(100)).transport)
      const error = await api['accounts.list']({}).catch((caught: unknown) => caught)
      expect(error).toBeInstanceOf(PlausibleError)
      expect(error).toMatchObject({
        code: 'APP_UNREACHABLE',
        message: 'The app did not answer accounts.list within 100 ms.',
      })
    })

    it("tells the caller's wait listener of the app's budget waits, and waits past its timeout for them", async () => {
      const until = Date.now() + 300
      const waiting: WaitNotice = {
        phase: 'waiting',
        account: 'work',
        reason: 'hour',
        until,
        hourlyLimit: 600,
        dailyLimit: null,
      }
      await serve(
        createFakeHandlers({
          // What the scheduler does for a request the hour cannot afford: notice, wait, notice, answer.
          'accounts.list': async () => {
            noticeWait(waiting)
            await new Promise((resolve) => setTimeout(resolve, until - Date.now()))
            noticeWait({ phase: 'resumed', account: 'work' })
            return sampleOutputs['accounts.list']
          },
        }).handlers,
      )
      // A 100 ms timeout: without the notice's new deadline the 300 ms wait would fail as APP_UNREACHABLE.
      const api = createApiClient((await connect(100)).transport)
      const told: WaitNotice[] = []
      const value = await withWaitListener(
        (notice) => told.push(notice),
        () => api['accounts.list']({}),
      )
      expect(value).toEqual(sampleOutputs['accounts.list'])
      expect(told).toEqual([waiting, { phase: 'resumed', account: 'work' }])
    })

    it('fails requests in flight with APP_UNREACHABLE when the app goes away', async () => {
      const server = await serve(
        createFakeHandlers({ 'accounts.list': () => new Promise(() => {}) }).handlers,
      )
      const { transport } = await connect(5000)
      const inFlight = transport('accounts.list', {})
      await new Promise((resolve) => setTimeout(resolve, 20))
      await server.close()
      servers.pop()
      await expect(inFlight).resolves.toMatchObject({ ok: false, error: { code: 'APP_UNREACHABLE' } })
      await expect(transport('accounts.list', {})).resolves.toMatchObject({
        ok: false,
        error: { code: 'APP_UNREACHABLE' },
      })
    })
  })
})

/** Starts a listener in a child process and SIGKILLs it, leaving its socket file behind as a crash would. */
async function leaveStaleSocket(path: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true, mode: 0o700 })
  const script = `require('node:net').createServer().listen(${JSON.stringify(path)}, () => process.stdout.write('up\\n'))`
  const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] })
  await new Promise<void>((resolve, reject) => {
    child.stdout.once('data', () => resolve())
    child.once('error', reject)
    child.once('exit', (code) => reject(new Error(`listener exited early (${code})`)))
  })
  const exited = new Promise((resolve) => child.once('exit', resolve))
  child.kill('SIGKILL')
  await exited
}
