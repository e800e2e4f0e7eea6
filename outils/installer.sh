#!/usr/bin/env bash
# Install (once) everything the course needs into .venv, from requirements.txt.
# Re-running is cheap: nothing is reinstalled unless requirements.txt or pyproject.toml changed.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON="${PYTHON:-python3}"
if ! command -v "$PYTHON" >/dev/null 2>&1; then
  echo "Erreur : Python 3 est introuvable. Installez-le (Debian/Ubuntu : sudo apt install python3 python3-venv) puis relancez." >&2
  exit 1
fi
if ! "$PYTHON" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 10) else 1)'; then
  echo "Erreur : il faut Python 3.10 ou plus récent ($("$PYTHON" --version 2>&1) trouvé)." >&2
  exit 1
fi
if [ ! -x .venv/bin/python ]; then
  echo "→ Création de l'environnement Python du cours dans .venv/ …"
  if ! "$PYTHON" -m venv .venv; then
    echo "Erreur : impossible de créer l'environnement. Sur Debian/Ubuntu : sudo apt install python3-venv" >&2
    exit 1
  fi
fi

empreinte=$(cat requirements.txt pyproject.toml | sha256sum | cut -c1-16)
if [ "$(cat .venv/.empreinte 2>/dev/null || true)" != "$empreinte" ]; then
  echo "→ Installation des dépendances (quelques minutes la première fois) …"
  .venv/bin/python -m pip install --quiet --upgrade pip
  .venv/bin/python -m pip install --quiet -r requirements.txt
  .venv/bin/python -m pip install --quiet --no-deps -e .
  echo "$empreinte" > .venv/.empreinte
  echo "→ Dépendances installées."
fi

# « Essayer dans le navigateur » (JupyterLite): Pyodide and the browser kernel's wheels, fetched once
# from npm and PyPI and checked (donnees_en_main/livre/jupyterlite.py). Needed to build the book, not for
# the workshops: without network (a room with no internet) the workshops still install.
if ! .venv/bin/python -m donnees_en_main jupyterlite preparer --discret; then
  echo "Attention : la version « navigateur » du livre n'a pas pu être préparée (voir ci-dessus)." >&2
  echo "Les ateliers fonctionnent ; pour construire le livre, relancez ce script avec un accès au réseau." >&2
fi
