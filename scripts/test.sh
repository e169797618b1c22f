#!/usr/bin/env bash
# The whole test run: lint, all tests on SQLite (browser tests included), then the database
# tests again on PostgreSQL. Both pytest runs always happen; the script fails if any step does.
# pytest's exit code 5 ("no tests collected") is a failure too: any non-zero code is.
set -uo pipefail
cd "$(dirname "$0")/.."
bin=.venv/bin
failed=()

step() {
  local name=$1
  shift
  echo "==> $name"
  local start=$SECONDS
  "$@"
  local rc=$?
  echo "==> $name: exit $rc in $((SECONDS - start))s"
  [ "$rc" -eq 0 ] || failed+=("$name (exit $rc)")
}

step "ruff check" "$bin/ruff" check .
step "ruff format --check" "$bin/ruff" format --check .
step "pytest on SQLite" "$bin/pytest" -q -p no:cacheprovider
step "pytest on PostgreSQL" env LEDGERLINE_TEST_DB=postgresql \
  "$bin/pytest" -q -p no:cacheprovider -m "not browser"

if [ ${#failed[@]} -gt 0 ]; then
  printf 'FAILED: %s\n' "${failed[@]}" >&2
  exit 1
fi
echo "All checks passed."
