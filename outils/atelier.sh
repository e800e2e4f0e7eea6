#!/usr/bin/env bash
# Start JupyterLab, in French, on the workshop notebooks, with the nbgrader assignments available.
set -euo pipefail
cd "$(dirname "$0")/.."
bash outils/installer.sh
PORT="${PORT:-8888}"

# nbgrader: the course is exercises/, its exchange folder exercises/echange/ (one machine).
mkdir -p exercises/echange && chmod 777 exercises/echange
export JUPYTER_CONFIG_PATH="$PWD/outils/jupyter${JUPYTER_CONFIG_PATH:+:$JUPYTER_CONFIG_PATH}"
export PATH="$PWD/.venv/bin:$PATH"

# As root (a container, a classroom server), Jupyter refuses to start without --allow-root.
racine=(); [ "$(id -u)" = 0 ] && racine=(--allow-root)

echo "→ JupyterLab démarre : ouvrez l'adresse affichée ci-dessous (avec son jeton)."
echo "  Carnets d'atelier : dossier notebooks/ — devoirs : menu « Nbgrader »."
# French interface by default (the language pack is in requirements.txt): outils/jupyter/lab-settings/overrides.json.
exec .venv/bin/jupyter lab --ServerApp.root_dir="$PWD" --ServerApp.ip=127.0.0.1 --ServerApp.port="$PORT" \
  --LabApp.default_url="/lab/tree/notebooks" --LabApp.app_settings_dir="$PWD/outils/jupyter/lab-settings" \
  ${racine[@]+"${racine[@]}"} "$@"
