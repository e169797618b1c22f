#!/usr/bin/env bash
# The Debian packages the test suite needs; say exactly what to install when one is missing.
set -euo pipefail
missing=()
compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || missing+=(postgresql)
command -v redis-server >/dev/null || missing+=(redis-server)
[ -x /usr/bin/chromium ] || missing+=(chromium)
command -v npm >/dev/null || missing+=(npm)
if [ ${#missing[@]} -gt 0 ]; then
  echo "Missing system packages: ${missing[*]}" >&2
  echo "Install them with:  apt-get install -y --no-install-recommends ${missing[*]}" >&2
  exit 1
fi
