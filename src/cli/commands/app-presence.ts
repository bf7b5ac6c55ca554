// Whether the desktop app (or `plausible ui`) is running: it answers on its control socket.
import { controlSocketPath } from '../../core/paths'
import { connectControlSocket } from '../../core/transport/control-socket-client'

export async function isAppRunning(configDir: string): Promise<boolean> {
  try {
    const socket = await connectControlSocket(controlSocketPath(configDir), { timeoutMs: 1_000 })
    if (!socket) return false
    socket.close()
    return true
  } catch {
    // A socket file nobody accepts on: a crashed app left it behind.
    return false
  }
}
