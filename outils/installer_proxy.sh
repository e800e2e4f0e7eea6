#!/usr/bin/env bash
# Install (once) configurable-http-proxy, the web proxy in front of JupyterHub, from the npm registry
# into outils/proxy/ (ignored by git). Needs Node.js and npm (Debian/Ubuntu: sudo apt install nodejs npm).
# deploiement/jupyterhub/jupyterhub_config.py uses it when present.
set -euo pipefail
cd "$(dirname "$0")/.."
VERSION="5.3.0"
DOSSIER="outils/proxy"
BINAIRE="$DOSSIER/node_modules/.bin/configurable-http-proxy"

if [ -x "$BINAIRE" ] && [ "$("$BINAIRE" --version 2>/dev/null)" = "$VERSION" ]; then
  exit 0
fi
if ! command -v npm >/dev/null 2>&1; then
  echo "Erreur : npm est introuvable. Installez Node.js et npm (Debian/Ubuntu : sudo apt install nodejs npm) puis relancez." >&2
  exit 1
fi
echo "→ Installation de configurable-http-proxy $VERSION dans $DOSSIER/ …"
mkdir -p "$DOSSIER"
npm install --prefix "$DOSSIER" --no-audit --no-fund --loglevel=error "configurable-http-proxy@$VERSION" >/dev/null
"$BINAIRE" --version >/dev/null
echo "→ configurable-http-proxy installé : $BINAIRE"
