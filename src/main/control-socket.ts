// Opens the control socket for the CLI, so `plausible …` shares this app's queue and budget.
import type { Core } from '../core/core'
import { controlSocketPath } from '../core/paths'
import { serveControlSocket, type ControlSocketServer } from '../core/transport/control-socket-server'

/** Null when the socket cannot be opened: the CLI then runs in-process, which the shared ledger makes safe. */
export async function startControlSocket(core: Core): Promise<ControlSocketServer | null> {
  try {
    return await serveControlSocket({
      path: controlSocketPath(core.configDir),
      handlers: core.handlersFor('cli'),
    })
  } catch (error) {
    console.warn(
      'Plausible Desktop: the control socket is not available; the CLI will work in-process.',
      error,
    )
    return null
  }
}
