#!/usr/bin/env bash
# Re-fetch, from the npm registry, the JavaScript files the published book serves itself
# (no CDN: every request of a page stays on the book's own host) and the axe-core file the
# accessibility tests inject. Run it only to change a version; the files are committed.
#
#   bash outils/vendoriser.sh
#
# Versions: @jupyter-widgets/html-manager must match the ipywidgets of requirements.txt
# (ipywidgets 8.1.9 ↔ html-manager 1.0.15, same @jupyter-widgets/controls 5.0.13).
set -euo pipefail
cd "$(dirname "$0")/.."

HTML_MANAGER=1.0.15
REQUIREJS=2.3.8
AXE_CORE=4.14.1

if ! command -v npm >/dev/null 2>&1; then
  echo "Erreur : npm est introuvable. Installez Node.js (Debian : sudo apt install npm) puis relancez." >&2
  exit 1
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
( cd "$tmp" && npm pack --silent "@jupyter-widgets/html-manager@$HTML_MANAGER" "requirejs@$REQUIREJS" "axe-core@$AXE_CORE" >/dev/null )
for paquet in "$tmp"/*.tgz; do
  nom=$(basename "$paquet" .tgz)
  mkdir -p "$tmp/$nom" && tar xzf "$paquet" -C "$tmp/$nom"
done

# --- book/_vendor: copied to _static/widgets/ of the built book by donnees_en_main.sphinx_fr
livre=book/_vendor
rm -rf "$livre" && mkdir -p "$livre"
hm="$tmp/jupyter-widgets-html-manager-$HTML_MANAGER/package"
cp "$hm/dist/embed-amd.js" "$livre/embed-amd.js"
cp "$hm"/dist/*.woff2 "$livre/"  # FontAwesome 5 fonts, loaded next to embed-amd.js (browsers all take woff2)
cp "$hm/dist/embed.js.LICENSE.txt" "$livre/LICENCES-TIERS-embed-amd.txt"
cp "$tmp/requirejs-$REQUIREJS/package/require.js" "$livre/require.js"
cat > "$livre/LICENCE-html-manager.txt" <<'LICENCE'
@jupyter-widgets/html-manager (ipywidgets) — BSD 3-Clause License

Copyright (c) 2015 Project Jupyter Contributors
All rights reserved.

Redistribution and use in source and binary forms, with or without
modification, are permitted provided that the following conditions are met:

1. Redistributions of source code must retain the above copyright notice, this
   list of conditions and the following disclaimer.

2. Redistributions in binary form must reproduce the above copyright notice,
   this list of conditions and the following disclaimer in the documentation
   and/or other materials provided with the distribution.

3. Neither the name of the copyright holder nor the names of its
   contributors may be used to endorse or promote products derived from
   this software without specific prior written permission.

THIS SOFTWARE IS PROVIDED BY THE COPYRIGHT HOLDERS AND CONTRIBUTORS "AS IS"
AND ANY EXPRESS OR IMPLIED WARRANTIES, INCLUDING, BUT NOT LIMITED TO, THE
IMPLIED WARRANTIES OF MERCHANTABILITY AND FITNESS FOR A PARTICULAR PURPOSE ARE
DISCLAIMED. IN NO EVENT SHALL THE COPYRIGHT HOLDER OR CONTRIBUTORS BE LIABLE
FOR ANY DIRECT, INDIRECT, INCIDENTAL, SPECIAL, EXEMPLARY, OR CONSEQUENTIAL
DAMAGES (INCLUDING, BUT NOT LIMITED TO, PROCUREMENT OF SUBSTITUTE GOODS OR
SERVICES; LOSS OF USE, DATA, OR PROFITS; OR BUSINESS INTERRUPTION) HOWEVER
CAUSED AND ON ANY THEORY OF LIABILITY, WHETHER IN CONTRACT, STRICT LIABILITY,
OR TORT (INCLUDING NEGLIGENCE OR OTHERWISE) ARISING IN ANY WAY OUT OF THE USE
OF THIS SOFTWARE, EVEN IF ADVISED OF THE POSSIBILITY OF SUCH DAMAGE.
LICENCE
cat > "$livre/README.md" <<README
# Scripts servis par le livre lui-même (aucun CDN)

Fichiers copiés tels quels depuis le registre npm par \`bash outils/vendoriser.sh\` ; ne pas les
modifier à la main. L'extension \`donnees_en_main.sphinx_fr\` les copie dans \`_static/widgets/\` du
livre construit, et \`nb_ipywidgets_js\` (_config.yml) les charge sur les seules pages qui ont des
widgets. Ils ne sont pas dans un dossier \`_static\` de la source : Jupyter Book 1 ajouterait
chaque .js d'un tel dossier à toutes les pages.

| Fichier | Paquet npm | Version | Licence |
|---|---|---|---|
| embed-amd.js, *.woff2 (polices FontAwesome 5 des widgets) | @jupyter-widgets/html-manager | $HTML_MANAGER | BSD-3-Clause (LICENCE-html-manager.txt) ; composants tiers : LICENCES-TIERS-embed-amd.txt (MIT, polices FontAwesome Free : SIL OFL 1.1) |
| require.js | requirejs | $REQUIREJS | MIT (en-tête du fichier) |

html-manager $HTML_MANAGER est la version publiée avec ipywidgets 8.1.9 (mêmes
@jupyter-widgets/controls 5.0.13 et base 6.0.12) : changer l'une, c'est changer l'autre.
README

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
echo "→ Fichiers à jour : $livre/ (html-manager $HTML_MANAGER, requirejs $REQUIREJS), tests/vendor/ (axe-core $AXE_CORE)"
