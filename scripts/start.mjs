// `npm start`: builds, then opens the desktop app; where no Electron binary can run (headless servers,
// WSL, machines that cannot download it), serves the same window in the browser via `plausible ui`.
import { spawn, spawnSync } from 'node:child_process'
import { createRequire } from 'node:module'
import { existsSync } from 'node:fs'

const require = createRequire(import.meta.url)
const run = (command, args, options = {}) =>
  spawnSync(command, args, { stdio: 'inherit', ...options }).status ?? 1

if (run(process.execPath, [require.resolve('electron-vite/bin/electron-vite.js'), 'build']) !== 0)
  process.exit(1)

function electronBinary() {
  try {
    // electron ≥ 42 fetches its binary on first require; that fails where the network cannot reach it.
    const path = require('electron')
    return typeof path === 'string' && existsSync(path) ? path : null
  } catch {
    return null
  }
}

const binary = process.env.PLAUSIBLE_FORCE_UI === '1' ? null : electronBinary()
const child = binary
  ? spawn(binary, ['.'], { stdio: 'inherit' })
  : (console.error(
      'No Electron binary here: serving the same window in your browser instead (plausible ui).',
    ),
    spawn(process.execPath, ['out/main/cli.js', 'ui'], { stdio: 'inherit' }))
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal))
child.on('exit', (code) => process.exit(code ?? 0))
