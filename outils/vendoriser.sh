#!/usr/bin/env bash
# Re-fetch, from the npm registry, the axe-core file the accessibility tests inject in every page.
# Run it only to change a version; the file is committed. (The book itself serves no third-party
# script: its dashboards are plain HTML switched by donnees_en_main/livre/static/vues.js.)
#
#   bash outils/vendoriser.sh
set -euo pipefail
cd "$(dirname "$0")/.."

AXE_CORE=4.14.1

if ! command -v npm >/dev/null 2>&1; then
  echo "Erreur : npm est introuvable. Installez Node.js (Debian : sudo apt install npm) puis relancez." >&2
  exit 1
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
( cd "$tmp" && npm pack --silent "axe-core@$AXE_CORE" >/dev/null )
for paquet in "$tmp"/*.tgz; do
  nom=$(basename "$paquet" .tgz)
  mkdir -p "$tmp/$nom" && tar xzf "$paquet" -C "$tmp/$nom"
done

# --- tests/vendor: axe-core, injected by tests/test_publication.py in every page
mkdir -p tests/vendor
axe="$tmp/axe-core-$AXE_CORE/package"
cp "$axe/axe.min.js" tests/vendor/axe.min.js
cp "$axe/LICENSE" tests/vendor/LICENCE-axe-core.txt
cat > tests/vendor/README.md <<README
# axe-core pour les tests d'accessibilité

\`axe.min.js\` : paquet npm axe-core $AXE_CORE (Deque Systems, licence MPL-2.0, texte dans
LICENCE-axe-core.txt), récupéré par \`bash outils/vendoriser.sh\`. Injecté dans chaque page du
livre par tests/test_publication.py (règles WCAG 2.0/2.1 niveaux A et AA).
README
echo "→ Fichier à jour : tests/vendor/ (axe-core $AXE_CORE)"
