#!/usr/bin/env bash
# Runs every check and suite the way CI does (typecheck, lint, format, build, unit, integration, e2e) and ends with one plain line: "N passed, N failed".
# Unit and integration tests run inside a private D-Bus session with an unlocked gnome-keyring (when
# installed), so keytar meets a real Secret Service; e2e drives Debian's Chromium against `plausible ui`.
set -uo pipefail
cd "$(dirname "$0")/.."
root=$PWD

work=$(mktemp -d "${TMPDIR:-/tmp}/plausible-tests.XXXXXX")
results="$work/results"
mkdir -p "$results" "$work/home" "$work/tmp"
trap 'rm -rf "$work"' EXIT
# The newcomer tests run `npm ci` on a copy of the checkout: from the machine's npm cache, as a person's would.
export npm_config_cache="${npm_config_cache:-$(npm config get cache 2>/dev/null || echo "$HOME/.npm")}"
# Tests never touch the user's real config, keyring or caches.
export HOME="$work/home" XDG_CONFIG_HOME="$work/home/.config" XDG_CACHE_HOME="$work/home/.cache" TMPDIR="$work/tmp"
export ELECTRON_SKIP_BINARY_DOWNLOAD=1 PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 NO_COLOR=1 VITE_CONFIG_NATIVE_IGNORE_WARNING=true
export npm_config_update_notifier=false

step() { # name, command... — records "name ok|failed" for the summary, and keeps the step's output
  local name=$1; shift
  echo "── $name"
  # Through a process substitution, not a pipe: a daemon a test leaves behind holding the output open
  # must not keep the step waiting.
  local status=0 out tee_pid tries=0
  exec {out}> >(tee "$work/$name.log")
  tee_pid=$!
  "$@" >&"$out" 2>&1 || status=$?
  exec {out}>&-
  while kill -0 "$tee_pid" 2>/dev/null && [ $tries -lt 50 ]; do sleep 0.1; tries=$((tries + 1)); done
  if [ "$status" = 0 ]; then echo "$name ok" >>"$work/steps"; else echo "✗ $name failed (exit $status)"; echo "$name failed" >>"$work/steps"; fi
}

vitest_project() { # project name → results/<name>.json
  node "$root/node_modules/vitest/vitest.mjs" run --project "$1" --reporter=default --reporter=json --outputFile="$results/$1.json"
}

# The keyring session runs its command in a child shell, which must see the function and its paths.
export root results
export -f vitest_project

in_keyring_session() {
  if command -v dbus-run-session >/dev/null && command -v gnome-keyring-daemon >/dev/null; then
    dbus-run-session -- bash -c 'echo -n test | gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1; "$@"' _ "$@"
  else
    echo "(no dbus-run-session/gnome-keyring: keychain tests will report the Secret Service as absent)"
    "$@"
  fi
}

step typecheck npx tsc -p tsconfig.json --noEmit
step lint npx eslint . --max-warnings 0
step format npx prettier --check . --log-level warn
if [ "${SKIP_BUILD:-0}" != 1 ]; then step build npx electron-vite build; fi
# The security gate: Electronegativity over src/ and the built out/, failing on findings not reviewed.
security_scan() {
  [ -d scripts/security/node_modules ] || npm ci --prefix scripts/security --no-audit --no-fund --loglevel error || return 1
  node scripts/security/scan.mts
}
step security security_scan
step unit in_keyring_session vitest_project unit
step integration in_keyring_session vitest_project integration
step e2e vitest_project e2e

node - "$results" "$work/steps" <<'NODE'
const { existsSync, readFileSync } = require('node:fs')
const { dirname } = require('node:path')
const [dir, stepsFile] = process.argv.slice(2)
let passed = 0, failed = 0
for (const line of readFileSync(stepsFile, 'utf8').trim().split('\n')) {
  const [name, status] = line.split(' ')
  const file = `${dir}/${name}.json`
  const report = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : null
  let stepFailures = 0
  if (report) {
    passed += report.numPassedTests
    stepFailures = report.numFailedTests
    // A test file that fails to load has no failed test, but is a failure all the same.
    stepFailures += report.testResults.filter((suite) => suite.status === 'failed' && suite.assertionResults.length === 0).length
  }
  // A step that failed without a failing test to show for it (a build, a crash, an unhandled error)
  // still counts once, and its last lines are repeated here: CI shows only the end of the log.
  if (status === 'failed' && stepFailures === 0) {
    stepFailures = 1
    const log = `${dirname(stepsFile)}/${name}.log`
    const tail = existsSync(log) ? readFileSync(log, 'utf8').trimEnd().split('\n').slice(-40).join('\n') : ''
    console.log(`✗ ${name} failed without a failing test; the end of its output:\n${tail}\n`)
  } else if (stepFailures > 0) {
    const names = report.testResults
      .flatMap((suite) => suite.assertionResults.filter((test) => test.status === 'failed').map((test) => `${suite.name}: ${test.fullName}`))
    console.log(`✗ ${name}: ${stepFailures} failed\n  ${names.join('\n  ')}\n`)
  }
  failed += stepFailures
}
console.log(`${passed} passed, ${failed} failed`)
process.exitCode = failed > 0 ? 1 : 0
NODE
