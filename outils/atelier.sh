#!/usr/bin/env bash
# Start JupyterLab, in French, on the workshop notebooks, with the nbgrader assignments available.
# The work is done by: python -m donnees_en_main atelier (other options go to JupyterLab, e.g. --no-browser).
set -euo pipefail
cd "$(dirname "$0")/.."
bash outils/installer.sh
exec .venv/bin/python -m donnees_en_main atelier --port "${PORT:-8888}" "$@"
