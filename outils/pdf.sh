#!/usr/bin/env bash
# Print the whole book to one PDF, for reading offline or on paper: _build/livre.pdf
#
#   bash outils/pdf.sh
#
# The work is done by: python -m donnees_en_main pdf (its --help lists the options).
# SORTIE_LIVRE: the --path-output folder (default: the repo, so _build/); the PDF goes to
# $SORTIE_LIVRE/_build/livre.pdf. CHROMIUM: the browser binary (default: chromium on the PATH).
set -euo pipefail
cd "$(dirname "$0")/.."
bash outils/installer.sh
exec .venv/bin/python -m donnees_en_main pdf ${SORTIE_LIVRE:+--sortie "$SORTIE_LIVRE"} ${CHROMIUM:+--chromium "$CHROMIUM"} "$@"
