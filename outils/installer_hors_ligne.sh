#!/usr/bin/env bash
# Install the course in a room WITHOUT internet, from the folder made by outils/preparer_hors_ligne.sh.
# This file sits at the top of that folder, next to paquets/ (the wheels) and cours/ (the course).
# Usage: bash installer_hors_ligne.sh        then: bash cours/outils/atelier.sh
set -euo pipefail
cd "$(dirname "$0")"
ICI="$PWD"
PYTHON="${PYTHON:-python3}"

if [ ! -d paquets ] || [ ! -f cours/requirements.txt ]; then
  echo "Erreur : lancez ce script depuis le dossier préparé par outils/preparer_hors_ligne.sh (il doit contenir paquets/ et cours/)." >&2
  exit 1
fi
if ! command -v "$PYTHON" >/dev/null 2>&1; then
  echo "Erreur : Python 3 est introuvable. Installez-le (Debian/Ubuntu : sudo apt install python3 python3-venv) puis relancez." >&2
  exit 1
fi
attendu="$(cat machine.txt 2>/dev/null || true)"
ici="$("$PYTHON" -c 'import platform, sys; print(f"{platform.system()} {platform.machine()} Python {sys.version_info.major}.{sys.version_info.minor}")')"
if [ -n "$attendu" ] && [ "$attendu" != "$ici" ]; then
  echo "Attention : les paquets ont été préparés pour « $attendu », cette machine est « $ici »." >&2
  echo "  Si l'installation échoue, préparez le dossier sur une machine du même type que celles de la salle." >&2
fi

# Never the internet: only the wheels of paquets/ (the same as pip install --no-index --find-links paquets).
export PIP_NO_INDEX=1 PIP_FIND_LINKS="$ICI/paquets" PIP_DISABLE_PIP_VERSION_CHECK=1
if [ ! -x cours/.venv/bin/python ]; then
  echo "→ Création de l'environnement Python du cours dans cours/.venv/ …"
  "$PYTHON" -m venv cours/.venv || { echo "Erreur : impossible de créer l'environnement (Debian/Ubuntu : sudo apt install python3-venv)." >&2; exit 1; }
fi
echo "→ Installation des paquets depuis paquets/ (sans internet) …"
cours/.venv/bin/python -m pip install --quiet --no-index --find-links "$ICI/paquets" --upgrade pip setuptools wheel
cours/.venv/bin/python -m pip install --quiet --no-index --find-links "$ICI/paquets" -r cours/requirements.txt
cours/.venv/bin/python -m pip install --quiet --no-index --find-links "$ICI/paquets" --no-deps -e cours
# The course's own installer (run by outils/atelier.sh) then finds everything in place: nothing to download.
PYTHON="$PYTHON" bash cours/outils/installer.sh
cours/.venv/bin/python -c "import donnees_en_main, pandas, nbgrader, jupyterlab" \
  || { echo "Erreur : l'installation est incomplète (voir les messages ci-dessus)." >&2; exit 1; }
echo "→ Le cours est installé. Pour lancer l'atelier : bash cours/outils/atelier.sh"
