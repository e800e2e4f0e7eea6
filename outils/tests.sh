#!/usr/bin/env bash
# Install what the tests need, then run the whole test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
bash outils/installer.sh
echo "→ Lancement des tests (build du livre, notebooks, cycles nbgrader, données) …"
export PATH="$PWD/.venv/bin:$PATH"
exec .venv/bin/python -m pytest -n 2 --dist loadfile "$@"
