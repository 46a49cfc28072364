#!/usr/bin/env bash
# Install otdesk with its test tools into .venv and run every check: lint, import contracts,
# types, translation catalogues and the whole test suite. Usage: bash tools/test.sh [pytest args]
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
echo "== pytest"
set +e
"$venv/bin/python" -m pytest -n "${OTDESK_TEST_WORKERS:-auto}" -q "$@"
status=$?
set -e
if [ "$status" -eq 5 ]; then
    echo "pytest collected no tests: that is a failure" >&2
    exit 1
fi
exit "$status"
