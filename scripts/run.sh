#!/usr/bin/env bash
# `make run`: the web server and the jobs worker side by side, on the configured database.
# One Ctrl-C (or the server ending for any reason) stops both; nothing is left running.
set -uo pipefail
cd "$(dirname "$0")/.."
host=${HOST:-127.0.0.1}
port=${PORT:-5000}
flask=(.venv/bin/flask --app wsgi)

"${flask[@]}" jobs worker &
worker=$!
stop_worker() {
  if kill -0 "$worker" 2>/dev/null; then
    kill -TERM "$worker" 2>/dev/null
    wait "$worker" 2>/dev/null
  fi
}
trap stop_worker EXIT
trap 'exit 130' INT TERM

echo "Ledgerline on http://$host:$port  (sign in as admin@acme.ae / ledgerline-demo)"
echo "Jobs worker running beside it (pid $worker). Ctrl-C stops both."
"${flask[@]}" run --host "$host" --port "$port"
