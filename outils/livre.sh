#!/usr/bin/env bash
# Build the book (executing its notebooks, with a cache) and serve it on http://127.0.0.1:PORT/.
set -euo pipefail
cd "$(dirname "$0")/.."
bash outils/installer.sh
PORT="${PORT:-8000}"

echo "→ Construction du livre (les pages sont exécutées ; la première fois prend une à deux minutes) …"
debut=$(date +%s)
.venv/bin/jupyter-book build . --builder html
echo "→ Livre construit en $(( $(date +%s) - debut )) s dans _build/html/"

echo
echo "Le livre est servi ici : http://127.0.0.1:${PORT}/"
echo "(Ctrl+C pour arrêter)"
exec .venv/bin/python -m http.server "$PORT" --bind 127.0.0.1 --directory _build/html
