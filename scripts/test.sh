#!/usr/bin/env bash
# `scripts/test.sh` (make test): lint (ruff; import boundaries in .importlinter; radon in a
# test), all tests on SQLite (browser tests included), then the database tests again on
# PostgreSQL. `scripts/test.sh e2e` (make test-e2e): the slowest end-to-end runs, each alone:
# the cluster through nginx, the walk of every page and the large-volume (`scale`) tests on
# both databases. CI (.ci/run) runs both.
# Every step always runs; the script fails if any step does.
# pytest's exit code 5 ("no tests collected") is a failure too: any non-zero code is.
#
# Tests run in parallel with pytest-xdist: LEDGERLINE_TEST_WORKERS workers (default "auto",
# one per CPU; 0 runs them in this process). Each worker has its own temp dir, database template
# and, on PostgreSQL, its own cluster (tests/conftest.py); servers in tests use free ports.
set -uo pipefail
cd "$(dirname "$0")/.."
bin=.venv/bin
failed=()
workers=${LEDGERLINE_TEST_WORKERS:-auto}
# worksteal: test durations range from milliseconds to a minute (browsers, gunicorn, pip),
# so idle workers take over queued tests instead of waiting on a fixed split.
parallel=(-n "$workers" --dist worksteal)

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

fast() {
  step "ruff check" "$bin/ruff" check .
  step "ruff format --check" "$bin/ruff" format --check .
  step "lint-imports" "$bin/lint-imports" --no-cache
  step "pytest on SQLite" "$bin/pytest" -q -p no:cacheprovider "${parallel[@]}" \
    -m "not cluster and not walk and not scale"
  step "pytest on PostgreSQL" env LEDGERLINE_TEST_DB=postgresql \
    "$bin/pytest" -q -p no:cacheprovider "${parallel[@]}" -m "not browser and not cluster and not scale"
}

e2e() {
  # nginx, two gunicorn processes, two jobs workers, Redis and PostgreSQL of its own (~1 min).
  step "pytest cluster (make cluster through nginx)" "$bin/pytest" -q -p no:cacheprovider \
    -n 0 -m cluster
  # Every page at 1440 and 390 px in every locale, with axe-core and screenshots (~4 min).
  step "pytest page walk (test-artifacts/walk)" "$bin/pytest" -q -p no:cacheprovider -n 0 -m walk
  # Large volumes on both databases: a 20k-line import's memory under tracemalloc (~40 s each).
  step "pytest scale on SQLite" "$bin/pytest" -q -p no:cacheprovider -n 0 -m scale
  step "pytest scale on PostgreSQL" env LEDGERLINE_TEST_DB=postgresql \
    "$bin/pytest" -q -p no:cacheprovider -n 0 -m scale
}

case "${1:-fast}" in
  fast) fast ;;
  e2e) e2e ;;
  *)
    echo "usage: scripts/test.sh [fast|e2e]" >&2
    exit 2
    ;;
esac

if [ ${#failed[@]} -gt 0 ]; then
  printf 'FAILED: %s\n' "${failed[@]}" >&2
  exit 1
fi
echo "All checks passed."
