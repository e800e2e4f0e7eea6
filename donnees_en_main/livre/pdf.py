"""``python -m donnees_en_main pdf``: print the whole book to one PDF, ``<sortie>/_build/livre.pdf``,
for reading offline or on paper (what ``bash outils/pdf.sh`` runs).

The book is built as a single HTML page (jupyter-book ``--builder singlehtml``: the notebooks run, with
the execution cache), then that page is printed by headless Chromium (``--print-to-pdf``).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from donnees_en_main.chapitres import ACCUEIL
from donnees_en_main.commande import Analyseur, ErreurCommande, taille_lisible
from donnees_en_main.livre.construire import construire
from donnees_en_main.reglages import RACINE

NAVIGATEURS = ("chromium", "chromium-browser")


def trouver_chromium(choisi: str | None) -> str:
    """The Chromium binary: ``choisi`` (a path or a name on the PATH), else the first of NAVIGATEURS."""
    for nom in [choisi] if choisi else NAVIGATEURS:
        trouve = shutil.which(nom)
        if trouve:
            return trouve
    if choisi:
        raise ErreurCommande(f"le navigateur « {choisi} » est introuvable (option --chromium).")
    raise ErreurCommande("Chromium est introuvable. Installez-le (Debian/Ubuntu : sudo apt install chromium) "
                         "puis relancez, ou indiquez-le avec --chromium CHEMIN.")


def _fin_du_journal(journal: Path, lignes: int = 20) -> str:
    try:
        return "\n".join(journal.read_text(encoding="utf-8", errors="replace").splitlines()[-lignes:])
    except OSError:
        return ""


def imprimer(page: Path, pdf: Path, chromium: str, journal: Path) -> None:
    """Print the HTML ``page`` to ``pdf`` with headless Chromium; its output goes to ``journal``."""
    with tempfile.TemporaryDirectory(prefix="profil-chromium-") as profil, open(journal, "w", encoding="utf-8") as f:
        subprocess.run(
            [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             f"--user-data-dir={profil}", "--run-all-compositor-stages-before-draw",
             # lets the pages finish their scripts (vues.js, MathJax) before printing
             "--virtual-time-budget=30000",
             "--no-pdf-header-footer", f"--print-to-pdf={pdf}", page.resolve().as_uri()],
            stdout=f, stderr=subprocess.STDOUT, timeout=900,
        )


def analyseur() -> Analyseur:
    p = Analyseur(
        prog="python -m donnees_en_main pdf",
        description="Imprime tout le livre en un seul PDF, <sortie>/_build/livre.pdf, pour le lire hors ligne ou "
        "sur papier. Le livre est construit en une seule page (les pages sont exécutées, avec le cache), "
        "puis imprimé par Chromium sans fenêtre.",
        epilog="Ce que fait bash outils/pdf.sh (qui lit aussi les variables SORTIE_LIVRE et CHROMIUM).",
    )
    p.add_argument("--sortie", type=Path, default=RACINE, metavar="DOSSIER",
                   help="dossier où écrire _build/ et les journaux (par défaut : le dossier du cours)")
    p.add_argument("--chromium", metavar="PROGRAMME",
                   help="le navigateur Chromium à utiliser (par défaut : chromium sur le PATH)")
    return p


def main(argv: list[str] | None = None) -> int:
    args = analyseur().parse_args(argv)
    sortie = args.sortie.resolve()
    chromium = trouver_chromium(args.chromium)
    try:
        sortie.mkdir(parents=True, exist_ok=True)
    except OSError as erreur:
        raise ErreurCommande(f"impossible de créer le dossier {sortie} ({erreur.strerror}).") from None

    print("→ Construction du livre en une seule page (les pages sont exécutées, avec le cache) …", flush=True)
    debut = time.monotonic()
    journal = sortie / "pdf-construction.log"
    if construire(sortie, builder="singlehtml", journal=journal) != 0:
        print(f"Erreur : la construction du livre a échoué ; journal : {journal}\n{_fin_du_journal(journal)}",
              file=sys.stderr)
        return 1
    unique = sortie / "_build" / "singlehtml" / "book" / f"{ACCUEIL}.html"
    if not unique.is_file():
        print(f"Erreur : page unique introuvable : {unique}", file=sys.stderr)
        return 1
    # Its links to _static/ and _images/ are relative to the site's root (the root page, book/intro,
    # sits in a sub-folder): print a copy placed at the root.
    page = sortie / "_build" / "singlehtml" / "livre.html"
    shutil.copyfile(unique, page)

    pdf = sortie / "_build" / "livre.pdf"
    pdf.unlink(missing_ok=True)
    print("→ Impression en PDF avec Chromium …", flush=True)
    journal = sortie / "pdf-chromium.log"
    try:
        imprimer(page, pdf, chromium, journal)
    except subprocess.TimeoutExpired:
        print(f"Erreur : Chromium n'a pas fini d'imprimer en 15 minutes ; journal : {journal}", file=sys.stderr)
        return 1
    if not pdf.is_file() or pdf.stat().st_size == 0:
        print(f"Erreur : Chromium n'a pas produit de PDF ; journal : {journal}\n{_fin_du_journal(journal)}",
              file=sys.stderr)
        return 1
    print(f"→ Livre imprimé en {round(time.monotonic() - debut)} s : {pdf} ({taille_lisible(pdf.stat().st_size)})")
    return 0
