#!/usr/bin/env bash
# The Debian packages a make target needs; say exactly what to install when one is missing.
# Usage: check_system.sh [run|test]  (run: what `make run` needs; test, the default: all).
set -euo pipefail
missing=()
command -v npm >/dev/null || missing+=(npm)
if [ "${1:-test}" = test ]; then
  compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || missing+=(postgresql)
  command -v redis-server >/dev/null || missing+=(redis-server)
  [ -x /usr/bin/chromium ] || missing+=(chromium)
fi
if [ ${#missing[@]} -gt 0 ]; then
  echo "Missing system packages: ${missing[*]}" >&2
  echo "Install them with:  apt-get install -y --no-install-recommends ${missing[*]}" >&2
  exit 1
fi
