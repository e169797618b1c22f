#!/usr/bin/env bash
# Install development tools pinned in tools/package-lock.json (anvil for the wallet tests).
set -euo pipefail
cd "$(dirname "$0")/../tools"
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules ]; then
  npm ci --no-audit --no-fund --loglevel=error
  touch node_modules
fi
node_modules/@foundry-rs/anvil-linux-amd64/bin/anvil --version | head -1
