#!/usr/bin/env bash
# Install what the tests need (LibreOffice included) and run them: lint, type check, then pytest.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ -z "${VIRTUAL_ENV:-}" ]; then
  python3 -m venv .venv
  # shellcheck disable=SC1091
  . .venv/bin/activate
fi
python -m pip install -q --upgrade pip
python -m pip install -q -e ".[test]"

# LibreOffice: the independent engine that recalculates generated workbooks.
if ! command -v soffice >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends libreoffice-calc-nogui python3-uno >/dev/null
  else
    echo "LibreOffice is missing: run  sudo apt-get install --no-install-recommends libreoffice-calc-nogui python3-uno" >&2
    exit 1
  fi
fi

ruff check .
ruff format --check .
mypy  # kam_xl/ and udfs/, as configured in pyproject.toml
python -m pytest -q "$@"
