#!/usr/bin/env bash
# Prepare, on a machine connected to the internet, everything a workshop room without internet needs:
#   DOSSIER/paquets/                 every Python package of requirements.txt, as wheels, for THIS kind of
#                                    machine (system, processor, Python version: the room's machines must match)
#   DOSSIER/cours/                   the course itself (without .venv, _build, caches)
#   DOSSIER/installer_hors_ligne.sh  the installer to run in the room (no internet needed)
# Usage: bash outils/preparer_hors_ligne.sh [DOSSIER] [options of `pip download`, e.g. --platform …]
# Copy DOSSIER to a USB key; in the room: bash installer_hors_ligne.sh (see the « Guide de l'animateur »).
set -euo pipefail
cd "$(dirname "$0")/.."
RACINE="$PWD"
DOSSIER="${1:-hors-ligne}"
[ $# -gt 0 ] && shift
PYTHON="${PYTHON:-python3}"

if ! command -v "$PYTHON" >/dev/null 2>&1; then
  echo "Erreur : Python 3 est introuvable ($PYTHON). Installez-le puis relancez." >&2
  exit 1
fi
mkdir -p "$DOSSIER"
DOSSIER="$(cd "$DOSSIER" && pwd)"
case "$DOSSIER/" in
  "$RACINE/"*) [ "$DOSSIER" = "$RACINE/hors-ligne" ] || { echo "Erreur : choisissez un dossier hors du cours (ou hors-ligne/)." >&2; exit 1; } ;;
esac
rm -rf "$DOSSIER/cours" "$DOSSIER/paquets"
mkdir -p "$DOSSIER/paquets" "$DOSSIER/cours"

echo "→ Copie du cours dans $DOSSIER/cours/ …"
if git -C "$RACINE" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  # Tracked files and new files not ignored by .gitignore (a commune's own data included), as they are now.
  git -C "$RACINE" ls-files -z --cached --others --exclude-standard \
    | (cd "$RACINE" && xargs -0 -r sh -c 'for f; do [ -e "$f" ] && printf "%s\0" "$f"; done' _) \
    | tar -C "$RACINE" --null -T - -cf - | tar -C "$DOSSIER/cours" -xf -
else
  tar -C "$RACINE" -cf - --exclude=./.venv --exclude=./_build --exclude=./.git --exclude=./hors-ligne \
    --exclude=./outils/proxy --exclude=__pycache__ --exclude=.pytest_cache --exclude=.jupyter_cache \
    --exclude=.ipynb_checkpoints . | tar -C "$DOSSIER/cours" -xf -
fi

echo "→ Téléchargement des paquets Python (requirements.txt et de quoi installer le cours) …"
"$PYTHON" -m pip download --quiet --dest "$DOSSIER/paquets" -r requirements.txt pip setuptools wheel "$@"
# A package published only as source would need a compiler in the room: turn it into a wheel now.
shopt -s nullglob
sources=("$DOSSIER"/paquets/*.tar.gz "$DOSSIER"/paquets/*.zip)
if [ ${#sources[@]} -gt 0 ]; then
  "$PYTHON" -m pip wheel --quiet --no-deps --wheel-dir "$DOSSIER/paquets" "${sources[@]}"
  rm -f "${sources[@]}"
fi

cp outils/installer_hors_ligne.sh "$DOSSIER/installer_hors_ligne.sh"
"$PYTHON" - "$DOSSIER/machine.txt" <<'PY'
import platform, sys
with open(sys.argv[1], "w", encoding="utf-8") as f:
    f.write(f"{platform.system()} {platform.machine()} Python {sys.version_info.major}.{sys.version_info.minor}\n")
PY
nb=$(ls "$DOSSIER/paquets" | wc -l)
taille=$(du -sh "$DOSSIER" | cut -f1)
echo "→ Prêt : $DOSSIER ($nb paquets, $taille) pour : $(cat "$DOSSIER/machine.txt")"
echo "  Dans la salle : bash installer_hors_ligne.sh, puis bash cours/outils/atelier.sh"
