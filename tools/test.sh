#!/usr/bin/env bash
# Install otdesk with its test tools into .venv and run every check: lint, import contracts,
# types, translation catalogues and the whole test suite. Usage: bash tools/test.sh [pytest args]
# The database and service tests also run on PostgreSQL when its server programs are installed
# (see tests/pg_server.py); without them that half is skipped and the run ends saying so.
set -euo pipefail
cd "$(dirname "$0")/.."

venv=${OTDESK_VENV:-.venv}
python=${PYTHON:-python3}
if [ ! -x "$venv/bin/python" ]; then
    "$python" -m venv "$venv"
fi
"$venv/bin/python" -m pip install --quiet --upgrade pip
"$venv/bin/python" -m pip install --quiet -e ".[test]"

export QT_QPA_PLATFORM=offscreen
echo "== translation catalogues (.po -> .mo)"
"$venv/bin/python" -m otdesk.catalogues build
echo "== ruff"
"$venv/bin/ruff" check otdesk tests bench
echo "== import contracts"
"$venv/bin/lint-imports"
echo "== mypy"
"$venv/bin/mypy"
echo "== pytest (database and service tests on SQLite and on a throwaway PostgreSQL server)"
engines=$(mktemp)
trap 'rm -f "$engines"' EXIT
set +e
OTDESK_ENGINE_SUMMARY="$engines" "$venv/bin/python" -m pytest -n "${OTDESK_TEST_WORKERS:-auto}" \
    -q "$@"
status=$?
set -e
# The last word: how many tests ran on each engine, and whether the PostgreSQL half ran.
if [ -s "$engines" ]; then
    echo "== storage engines"
    cat "$engines"
fi
if [ "$status" -eq 5 ]; then
    echo "pytest collected no tests: that is a failure" >&2
    exit 1
fi
exit "$status"
