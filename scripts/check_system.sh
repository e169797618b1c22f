#!/usr/bin/env bash
# The Debian packages a make target needs; say exactly what to install when one is missing.
# Usage: check_system.sh [run|cluster|test]  (run: what `make run` needs; cluster: `make cluster`;
# test, the default: all).
set -euo pipefail
missing=()
command -v npm >/dev/null || missing+=(npm)
mode=${1:-test}
if [ "$mode" != run ]; then
  compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || missing+=(postgresql)
  command -v redis-server >/dev/null || missing+=(redis-server)
  command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || missing+=(nginx)
fi
if [ "$mode" = test ]; then
  [ -x /usr/bin/chromium ] || missing+=(chromium)
fi
if [ ${#missing[@]} -gt 0 ]; then
  echo "Missing system packages: ${missing[*]}" >&2
  echo "Install them with:  apt-get install -y --no-install-recommends ${missing[*]}" >&2
  exit 1
fi
