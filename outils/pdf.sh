#!/usr/bin/env bash
# Print the whole book to one PDF, for reading offline or on paper: _build/livre.pdf
#
#   bash outils/pdf.sh
#
# Builds the book as a single HTML page (jupyter-book --builder singlehtml: the notebooks run, with
# the execution cache), then prints that page with headless Chromium (--print-to-pdf).
# SORTIE_LIVRE: the --path-output folder (default: the repo, so _build/); the PDF goes to
# $SORTIE_LIVRE/_build/livre.pdf. CHROMIUM: the browser binary (default: chromium on the PATH).
set -euo pipefail
cd "$(dirname "$0")/.."
bash outils/installer.sh

SORTIE="${SORTIE_LIVRE:-$PWD}"
CHROMIUM="${CHROMIUM:-$(command -v chromium || command -v chromium-browser || true)}"
if [ -z "$CHROMIUM" ]; then
  echo "Erreur : Chromium est introuvable. Installez-le (Debian/Ubuntu : sudo apt install chromium) puis relancez." >&2
  exit 1
fi

echo "→ Construction du livre en une seule page (les pages sont exécutées, avec le cache) …"
.venv/bin/jupyter-book build . --path-output "$SORTIE" --builder singlehtml >"$SORTIE/pdf-construction.log" 2>&1 || {
  echo "Erreur : la construction du livre a échoué ; journal : $SORTIE/pdf-construction.log" >&2
  tail -20 "$SORTIE/pdf-construction.log" >&2
  exit 1
}
racine=$(sed -n 's/^root: *//p' _toc.yml)
unique="$SORTIE/_build/singlehtml/${racine}.html"
[ -f "$unique" ] || { echo "Erreur : page unique introuvable : $unique" >&2; exit 1; }
# Its links to _static/ and _images/ are relative to the site's root (the root page, book/intro,
# sits in a sub-folder): print a copy placed at the root.
page="$SORTIE/_build/singlehtml/livre.html"
cp "$unique" "$page"

pdf="$SORTIE/_build/livre.pdf"
profil=$(mktemp -d)
trap 'rm -rf "$profil"' EXIT
echo "→ Impression en PDF avec Chromium …"
# --virtual-time-budget: lets the pages finish their scripts (vues.js, MathJax) before printing.
"$CHROMIUM" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
  --disable-background-networking --disable-component-update --disable-sync \
  --user-data-dir="$profil" --run-all-compositor-stages-before-draw --virtual-time-budget=30000 \
  --no-pdf-header-footer --print-to-pdf="$pdf" "file://$(cd "$(dirname "$page")" && pwd)/$(basename "$page")" \
  >"$SORTIE/pdf-chromium.log" 2>&1
[ -s "$pdf" ] || { echo "Erreur : Chromium n'a pas produit de PDF ; journal : $SORTIE/pdf-chromium.log" >&2; exit 1; }
echo "→ Livre imprimé : $pdf ($(du -h "$pdf" | cut -f1))"
