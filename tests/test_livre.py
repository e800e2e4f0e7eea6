"""The book builds as élus will read it: every page executes, Sphinx warnings are errors; it prints to one PDF."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from outils_navigateur import chromium_executable

RACINE = Path(__file__).resolve().parent.parent
# The `livre` fixture (tests/conftest.py) builds the book once for the whole run, shared with
# tests/test_publication.py, and fails if Sphinx warned.


def pages_du_sommaire() -> list[str]:
    toc = yaml.safe_load((RACINE / "_toc.yml").read_text(encoding="utf-8"))
    pages = [toc["root"]]

    def parcourir(entrees):
        for e in entrees or []:
            if "file" in e:
                pages.append(e["file"])
            parcourir(e.get("sections"))

    for partie in toc.get("parts", []):
        parcourir(partie.get("chapters"))
    parcourir(toc.get("chapters"))
    return pages


def test_chaque_page_du_sommaire_est_construite_en_francais(livre):
    for page in pages_du_sommaire():
        html = (livre / f"{page}.html").read_text(encoding="utf-8")
        assert '<html lang="fr"' in html, page
        assert "Traceback" not in html, f"une erreur Python s'affiche dans {page}"


def test_le_code_est_cache_dans_les_chapitres(livre):
    # Élus read the chapters with no code visible: every code cell input is removed.
    for page in pages_du_sommaire():
        html = (livre / f"{page}.html").read_text(encoding="utf-8")
        assert 'class="cell_input' not in html, f"du code est visible dans {page}"


def test_chapitre_cantine(livre):
    html = (livre / "book" / "cantine.html").read_text(encoding="utf-8")
    assert re.search(r"<h1>.*Publier les menus de la cantine", html), "titre du chapitre absent"
    images = re.findall(r'<img[^>]+src="data:image/png;base64|<img[^>]+src="[^"]+\.png"', html)
    assert len(images) >= 2, "le chapitre doit montrer ses graphiques"
    for alt in re.findall(r'<img[^>]*?alt="([^"]*)"', html):
        assert alt.strip(), "chaque graphique doit avoir un texte alternatif"
    assert "Questions pour échanger entre pairs" in html
    assert "9,9" in html and "14,3" in html, "les chiffres réels de « ma cantine » doivent être cités"


def nombre_de_pages_pdf(pdf: bytes) -> int:
    """Page count of a PDF, read from its page tree (Chromium writes it uncompressed)."""
    comptes = [int(n) for n in re.findall(rb"/Type\s*/Pages\b[^>]*?/Count\s+(\d+)", pdf)]
    comptes += [int(n) for n in re.findall(rb"/Count\s+(\d+)[^>]*?/Type\s*/Pages\b", pdf)]
    return max(comptes, default=0)


@pytest.mark.skipif(
    chromium_executable() is None and not os.environ.get("DONNEES_EN_MAIN_CHROMIUM_OBLIGATOIRE"),
    reason="Chromium n'est pas installé (Debian : sudo apt install chromium)",
)
def test_le_livre_s_imprime_en_un_pdf(construction_livre, tmp_path):
    # outils/pdf.sh in its own folder (the HTML book stays untouched for the other tests), given a
    # copy of the run's execution cache so that the notebooks are not executed again.
    shutil.copytree(construction_livre.sortie / "_build" / ".jupyter_cache", tmp_path / "_build" / ".jupyter_cache")
    r = subprocess.run(
        ["bash", str(RACINE / "outils" / "pdf.sh")],
        env={**os.environ, "SORTIE_LIVRE": str(tmp_path)},
        capture_output=True, text=True, timeout=900,
    )
    assert r.returncode == 0, f"outils/pdf.sh a échoué :\n{r.stdout[-4000:]}\n{r.stderr[-4000:]}"
    pdf = (tmp_path / "_build" / "livre.pdf").read_bytes()
    assert pdf.startswith(b"%PDF-")
    formats = {(round(float(l)), round(float(h))) for l, h in re.findall(rb"/MediaBox\s*\[0 0 ([\d.]+) ([\d.]+)\]", pdf)}
    assert formats == {(595, 842)}, f"le PDF doit être au format A4 (595 × 842 points) : {formats}"
    # one page per chapter at the very least, in practice several
    pages = nombre_de_pages_pdf(pdf)
    assert pages > 2 * len(pages_du_sommaire()), pages


def _faux_jupyter_book(tmp_path: Path, premiere_sortie: str, code: int) -> Path:
    """A stand-in for jupyter-book: prints ``premiere_sortie`` and exits ``code`` the first time, succeeds after."""
    script = tmp_path / "jupyter-book"
    compteur = tmp_path / "appels"
    script.write_text(
        "#!/bin/sh\n"
        f'echo x >> "{compteur}"\n'
        f'if [ "$(wc -l < "{compteur}")" -eq 1 ]; then echo "{premiere_sortie}"; exit {code}; fi\n'
        'echo "build succeeded"\n',
        encoding="utf-8",
    )
    script.chmod(0o755)
    return compteur


@pytest.mark.parametrize(
    "premiere_sortie, appels, code_final",
    [
        ("RuntimeError: Kernel died before replying to kernel_info", 2, 0),  # the port race: built again
        ("NameError: name 'x' is not defined", 1, 1),  # a real error in a page: not hidden by a retry
    ],
)
def test_un_noyau_mort_au_demarrage_relance_la_construction(tmp_path, monkeypatch, capsys,
                                                             premiere_sortie, appels, code_final):
    from donnees_en_main.livre import construire as module

    compteur = _faux_jupyter_book(tmp_path, premiere_sortie, code=1)
    monkeypatch.setattr(module, "programme", lambda nom: str(tmp_path / nom))
    journal = tmp_path / "journal.txt"
    assert module.construire(tmp_path / "sortie", journal=journal) == code_final
    assert len(compteur.read_text().splitlines()) == appels
    texte = journal.read_text(encoding="utf-8")
    assert premiere_sortie in texte  # the first attempt's log is kept, not overwritten
    assert ("nouvel essai" in capsys.readouterr().err) == (appels == 2)
