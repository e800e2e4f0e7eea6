#!/usr/bin/env bash
# Prepare, on a machine connected to the internet, everything a workshop room without internet needs:
#   DOSSIER/paquets/                 every Python package of requirements.txt, as wheels, for THIS kind of
#                                    machine (system, processor, Python version: the room's machines must match)
#   DOSSIER/cours/                   the course itself (without .venv, _build, caches)
#   DOSSIER/installer_hors_ligne.sh  the installer to run in the room (no internet needed)
# Usage: bash outils/preparer_hors_ligne.sh [DOSSIER] [options of `pip download`, e.g. --platform …]
# Copy DOSSIER to a USB key; in the room: bash installer_hors_ligne.sh (see the « Guide de l'animateur »).
#
# The work is done by: python -m donnees_en_main hors-ligne, which needs only the standard library: it runs
# with $PYTHON (the interpreter the room will have), the course need not be installed here.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-python3}"
if ! command -v "$PYTHON" >/dev/null 2>&1; then
  echo "Erreur : Python 3 est introuvable ($PYTHON). Installez-le puis relancez." >&2
  exit 1
fi
# -m finds the package in the current folder (the course), installed or not.
exec "$PYTHON" -m donnees_en_main hors-ligne "$@"
