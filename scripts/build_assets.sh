#!/usr/bin/env bash
# Copy browser assets installed from the npm registry (package-lock.json) into static/vendor.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi
mkdir -p static/vendor
cp node_modules/htmx.org/dist/htmx.min.js static/vendor/htmx.min.js
cp node_modules/socket.io-client/dist/socket.io.min.js static/vendor/socket.io.min.js
cp node_modules/@picocss/pico/css/pico.min.css static/vendor/pico.min.css
# Test tool (devDependency): the accessibility engine the browser tests run in each page.
if [ -f node_modules/axe-core/axe.min.js ]; then
  cp node_modules/axe-core/axe.min.js static/vendor/axe.min.js
fi
