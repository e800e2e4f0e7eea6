#!/usr/bin/env bash
# Build the book (executing its notebooks, with a cache) and serve it on http://127.0.0.1:PORT/.
# The work is done by: python -m donnees_en_main livre --servir (its --help lists the options).
set -euo pipefail
cd "$(dirname "$0")/.."
bash outils/installer.sh
exec .venv/bin/python -m donnees_en_main livre --servir --port "${PORT:-8000}" "$@"
